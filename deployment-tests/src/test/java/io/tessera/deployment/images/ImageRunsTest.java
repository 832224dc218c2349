package io.tessera.deployment.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tessera.deployment.TesseraService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's image runs, without a container engine: its layers unpacked into a directory and
 * its entrypoint started there the way a container engine would, in a root of its own, as the
 * image's user, with the image's environment, in private mount, PID and network namespaces (so
 * nothing it does reaches this machine's network). It has no Cassandra to reach, so it starts its
 * JVM and Spring context and then gives up within a short start-up deadline, naming what it waited
 * for: the runtime, its C libraries, the classpath and the service's code all work in the image.
 *
 * <p>Needs root and namespaces (mounts), as CI and the project's machines have; skipped where
 * either is missing.
 */
class ImageRunsTest {
  private static final TesseraService SERVICE = TesseraService.REGISTRY;

  @TempDir static Path root;

  @BeforeAll
  static void unpackTheImage() throws IOException, InterruptedException {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for namespaces");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs util-linux's unshare");
    Process probe =
        new ProcessBuilder("unshare", "--mount", "--pid", "--net", "--fork", "true")
            .redirectErrorStream(true)
            .start();
    assumeTrue(probe.waitFor() == 0, "this machine allows no new namespaces");
    ServiceImages.of(SERVICE).unpackFileSystem(root);
    // the image's root is the container's /: the JUnit directory is its owner's only
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    // what a container engine provides: /proc and /dev
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("dev"));
  }

  @Test
  void theEntrypointStartsTheServiceAsItsUserAndGivesUpOnAnUnreachableCassandra() throws Exception {
    OciImage image = ServiceImages.of(SERVICE);
    Map<String, String> environment = new java.util.LinkedHashMap<>(image.environment());
    environment.put("TESSERA_STARTUP_DEADLINE", "2s");
    environment.put("TESSERA_CASSANDRA_CONTACT_POINTS", "127.0.0.1:9042");
    environment.put("TESSERA_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    // a small heap: the launcher's is for a real load
    environment.put("JDK_JAVA_OPTIONS", "-Xms128m -Xmx128m");

    Run run = inContainer(image.runtime().get("User").asString(), image.entrypoint(), environment);

    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output())
        .contains("Picked up JDK_JAVA_OPTIONS: -Xms128m -Xmx128m")
        .contains("Starting RegistryApplication")
        .contains("started by tessera")
        .contains("gave up waiting for");
  }

  @Test
  void theComposeHealthCheckRunsInTheImageAndFailsWhenNothingAnswers() throws Exception {
    OciImage image = ServiceImages.of(SERVICE);
    List<String> probe =
        List.of(
            "java",
            "-cp",
            "@/app/jib-classpath-file",
            "io.tessera.service.health.HealthProbe",
            "http://127.0.0.1:8081/actuator/health/readiness");

    Run run = inContainer("10001:10001", probe, image.environment());

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("answered nothing");
  }

  private record Run(int exitCode, String output) {}

  /** Runs {@code command} in the unpacked image as {@code user}, at most two minutes. */
  private static Run inContainer(String user, List<String> command, Map<String, String> env)
      throws Exception {
    List<String> argv = new ArrayList<>();
    // New mount, PID and network namespaces; inside them /dev and /proc for the image's root,
    // then the command in that root as the user. The network namespace has no interface up, so
    // every connection fails at once, as to a server that is not there.
    argv.addAll(List.of("unshare", "--mount", "--pid", "--net", "--fork", "bash", "-c"));
    argv.add(
        "mount --rbind /dev \"$0/dev\" && mount -t proc proc \"$0/proc\""
            + " && exec chroot --userspec=\"$1\" \"$0\" /opt/java/bin/\"$2\" \"${@:3}\"");
    argv.add(root.toString());
    argv.add(user);
    argv.addAll(command);
    Path output = Files.createTempFile("image-run", ".log");
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.redirectOutput(output.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    // the image's PATH is for inside its root; the wrapper above runs the machine's tools
    builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("still running after 120 s: " + Files.readString(output));
    }
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
