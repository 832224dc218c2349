package io.tessera.deployment.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.deployment.ImageName;
import io.tessera.deployment.Repository;
import io.tessera.deployment.TesseraService;
import io.tessera.deployment.settings.LauncherHeaps;
import io.tessera.deployment.settings.ServiceSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * What a container engine sees of each service's image tarball: how it starts, as whom, on which
 * ports, with which runtime. The build made these images ({@code jib:buildTar} at package); the
 * runtime in them runs: {@link ImageRunsTest}.
 */
class ServiceImagesTest {

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void isNamedAfterTheServiceAndTaggedWithTheChartsAppVersion(TesseraService service) {
    assertThat(ServiceImages.of(service).refName()).isEqualTo(ImageName.of(service));
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void runsAsTheServiceUserNotRoot(TesseraService service) throws Exception {
    OciImage image = ServiceImages.of(service);
    String user = image.runtime().get("User").asString();

    assertThat(user).isEqualTo("10001:10001");
    assertThat(new String(image.read("/etc/passwd"), StandardCharsets.UTF_8))
        .contains("tessera:x:10001:10001:");
    // Jib owns every file by root: what the service writes must be writable by anyone
    Map<String, Integer> modes = image.modes();
    for (String writable : List.of("/tmp", "/var/lib/tessera", "/var/lib/tessera/training")) {
      assertThat(modes.get(writable)).as(writable).isEqualTo(0777);
    }
    assertThat(image.runtime().get("WorkingDir").asString()).isEqualTo("/var/lib/tessera");
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void startsTheServiceWithTheProductionJvmFlags(TesseraService service) throws Exception {
    OciImage image = ServiceImages.of(service);
    List<String> entrypoint = image.entrypoint();

    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(image.environment().get("PATH")).isEqualTo("/opt/java/bin");
    assertThat(entrypoint).contains("@/opt/tessera/jvm/service.options");
    assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(mainClass(service));
    // the very file ./tessera up and the benchmarks pass
    assertThat(image.read("/opt/tessera/jvm/service.options"))
        .isEqualTo(Files.readAllBytes(Repository.file("local-stack/jvm/service.options")));
    assertThat(image.modes())
        .containsKey("/app/classes/" + mainClass(service).replace('.', '/') + ".class");
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void hasTheLaunchersHeapUnlessTheDeploymentSetsItsOwn(TesseraService service) throws Exception {
    String heap = LauncherHeaps.heap(service);

    assertThat(ServiceImages.of(service).environment())
        .containsEntry("JDK_JAVA_OPTIONS", "-Xms" + heap + " -Xmx" + heap);
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void exposesEveryPortTheServiceListensOn(TesseraService service) throws Exception {
    List<String> ports = new ArrayList<>();
    ports.add(ServiceSettings.httpPort(service) + "/tcp");
    ServiceSettings.grpcPort(service).ifPresent(grpc -> ports.add(grpc + "/tcp"));

    assertThat(ServiceImages.of(service).exposedPorts()).containsExactlyInAnyOrderElementsOf(ports);
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void carriesAJavaRuntimeAndTheLibrariesItLoads(TesseraService service) throws Exception {
    OciImage image = ServiceImages.of(service);
    Map<String, Integer> modes = image.modes();

    assertThat(image.architecture()).isEqualTo("amd64/linux");
    assertThat(modes.get("/opt/java/bin/java") & 0111).as("java is executable").isEqualTo(0111);
    assertThat(new String(image.read("/opt/java/release"), StandardCharsets.UTF_8))
        .contains("JAVA_VERSION=\"17.");
    assertThat(modes).containsKeys("/lib64/ld-linux-x86-64.so.2");
    assertThat(modes.keySet()).anyMatch(path -> path.matches("/lib/.*/libc\\.so\\.6"));
    // the C libraries' licences travel with them
    assertThat(modes.keySet()).anyMatch(path -> path.matches("/usr/share/doc/libc6/copyright"));
  }

  /** The service's one {@code @SpringBootApplication}: the class its image must start. */
  static String mainClass(TesseraService service) {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(SpringBootApplication.class));
    var candidates = scanner.findCandidateComponents(service.basePackage());
    assertThat(candidates).hasSize(1);
    return candidates.iterator().next().getBeanClassName();
  }
}
