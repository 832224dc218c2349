package io.tessera.deployment.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.deployment.ImageName;
import io.tessera.deployment.Repository;
import io.tessera.deployment.TesseraService;
import io.tessera.deployment.settings.LauncherHeaps;
import io.tessera.deployment.settings.MemoryBudget;
import io.tessera.deployment.settings.ServiceEnvironment;
import io.tessera.deployment.settings.ServiceSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code docker-compose.yml} as a user runs it with one command: valid by the Compose
 * specification, and each service given what its configuration reads, on the ports it listens on,
 * after the engines it needs are healthy, with its credentials as secrets.
 */
class ComposeFileTest {
  private static final ComposeFile COMPOSE = ComposeFile.load();

  @Test
  void conformsToTheComposeSpecification() {
    assertThat(ComposeSpecification.validate(COMPOSE)).isEmpty();
  }

  @Test
  void theSpecificationRefusesWhatComposeWouldRefuse() {
    ComposeFile misspelt =
        ComposeFile.parse(
            """
            services:
              serving:
                image: tessera/serving-service:0.1.0
                dependson: [kafka]
                ports: {"8084": 8084}
            """);

    assertThat(ComposeSpecification.validate(misspelt)).hasSizeGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void givesEachServiceEveryVariableItReadsAndNoneItDoesNot(TesseraService service) {
    Set<String> variables = new HashSet<>(COMPOSE.environment(service.key()).keySet());
    // secrets are files under /run/secrets/, which the services read as a Spring config tree
    assertThat(COMPOSE.environment(service.key()).get("SPRING_CONFIG_IMPORT"))
        .contains("configtree:/run/secrets/");
    variables.addAll(COMPOSE.secretTargets(service.key()));

    assertThat(ServiceEnvironment.problems(service, variables)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void passesTheApiKeysAsASecretNeverInTheEnvironment(TesseraService service) {
    assertThat(COMPOSE.environment(service.key())).doesNotContainKey("TESSERA_API_KEYS");
    assertThat(COMPOSE.secretTargets(service.key())).contains("TESSERA_API_KEYS");
    assertThat(ComposeFile.map(COMPOSE.document(), "secrets"))
        .extractingByKey("tessera_api_keys")
        .satisfies(secret -> assertThat(ComposeFile.map(secret)).containsKey("file"));
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void runsTheImageTheBuildMakes(TesseraService service) {
    assertThat(COMPOSE.service(service.key()))
        .containsEntry("image", ImageName.of(service))
        // tessera/... on a public registry is not ours: load the built image, never pull
        .containsEntry("pull_policy", "never")
        .doesNotContainKey("build");
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void publishesEveryPortTheServiceListensOnAtTheSameNumber(TesseraService service) {
    Map<Integer, Integer> expected = new HashMap<>();
    int http = ServiceSettings.httpPort(service);
    expected.put(http, http);
    ServiceSettings.grpcPort(service).ifPresent(grpc -> expected.put(grpc, grpc));

    assertThat(COMPOSE.publishedPorts(service.key())).isEqualTo(expected);
    // and the service listens there: the variables set those ports
    Map<String, String> environment = COMPOSE.environment(service.key());
    assertThat(environment)
        .containsEntry("TESSERA_" + service.key().toUpperCase() + "_PORT", String.valueOf(http));
    ServiceSettings.grpcPort(service)
        .ifPresent(
            grpc ->
                assertThat(environment)
                    .containsEntry("TESSERA_SERVING_GRPC_PORT", String.valueOf(grpc)));
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void startsEachServiceOnceWhatItNeedsIsHealthy(TesseraService service) {
    Map<String, String> dependsOn = COMPOSE.dependsOn(service.key());
    List<String> needs =
        service == TesseraService.REGISTRY
            ? List.of("kafka", "cassandra", "kinesis")
            : List.of("kafka", "cassandra", "kinesis", "registry");

    assertThat(dependsOn.keySet()).containsExactlyInAnyOrderElementsOf(needs);
    assertThat(dependsOn.values()).containsOnly("service_healthy");
    for (String dependency : needs) {
      assertThat(COMPOSE.service(dependency)).as(dependency).containsKey("healthcheck");
    }
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void isHealthyOnceItsReadinessProbeAnswersWithinTheStartUpDeadline(TesseraService service) {
    Map<String, Object> healthcheck =
        ComposeFile.map(COMPOSE.service(service.key()), "healthcheck");
    List<String> test =
        ComposeFile.list(healthcheck.get("test")).stream().map(ComposeFile::string).toList();

    assertThat(test)
        .startsWith("CMD", "java")
        .contains(
            "io.tessera.service.health.HealthProbe",
            "http://127.0.0.1:" + ServiceSettings.httpPort(service) + "/actuator/health/readiness");
    Duration deadline =
        DurationStyle.detectAndParse(
            COMPOSE.environment(service.key()).get("TESSERA_STARTUP_DEADLINE"));
    assertThat(DurationStyle.detectAndParse(ComposeFile.string(healthcheck.get("start_period"))))
        .as("a service waiting for Cassandra is not unhealthy yet")
        .isGreaterThan(deadline);
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void runsWithTheLaunchersHeapAndRoomBesideIt(TesseraService service) {
    String heap = LauncherHeaps.heap(service);

    assertThat(COMPOSE.environment(service.key()))
        .containsEntry("JDK_JAVA_OPTIONS", "-Xms" + heap + " -Xmx" + heap);
    assertThat(
            MemoryBudget.binarySize(
                ComposeFile.string(COMPOSE.service(service.key()).get("mem_limit"))))
        .isGreaterThanOrEqualTo(MemoryBudget.minimumBytes(service, heap));
  }

  @Test
  void keepsDataAndTrainingOutputInNamedVolumes() {
    Map<String, Object> volumes = ComposeFile.map(COMPOSE.document(), "volumes");

    assertThat(COMPOSE.service("kafka").get("volumes").toString())
        .contains("kafka-data:/var/lib/kafka/data");
    assertThat(COMPOSE.environment("kafka")).containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
    assertThat(COMPOSE.service("cassandra").get("volumes").toString())
        .contains("cassandra-data:/var/lib/cassandra");
    assertThat(COMPOSE.service("serving").get("volumes").toString())
        .contains("training:" + COMPOSE.environment("serving").get("TESSERA_SERVING_TRAINING_DIR"));
    assertThat(volumes).containsKeys("kafka-data", "cassandra-data", "training");
  }

  @Test
  void runsTheEngineVersionsTheTestsRunAgainst() throws Exception {
    String kafka = Files.readString(Repository.file("local-stack/kafka/pom.xml"));
    String cassandra = Files.readString(Repository.file("local-stack/cassandra/pom.xml"));

    assertThat(COMPOSE.service("kafka"))
        .containsEntry("image", "apache/kafka:" + first("<kafka.version>([^<]+)<", kafka));
    assertThat(COMPOSE.service("cassandra"))
        .containsEntry(
            "image",
            "cassandra:" + first("cassandra-all</artifactId>\\s*<version>([^<]+)<", cassandra));
  }

  @Test
  void startsKinesaliteFromAnImageThatHasItInstalled() throws Exception {
    String version =
        first(
            "\"kinesalite\":\\s*\"([^\"]+)\"",
            Files.readString(Repository.file("local-stack/kinesis/package.json")));
    Map<String, Object> kinesis = COMPOSE.service("kinesis");
    String dockerfile =
        Files.readString(
            Repository.file(ComposeFile.string(kinesis.get("build"))).resolve("Dockerfile"));

    assertThat(Files.readString(Repository.file("docker-compose.yml"))).doesNotContain("npx");
    assertThat(kinesis).doesNotContainKey("command").containsEntry("pull_policy", "build");
    assertThat(dockerfile)
        .containsPattern("(?m)^FROM node:[0-9]+\\.[0-9]+[-a-z]*$")
        .containsPattern("(?m)^RUN npm install --global .*kinesalite@" + Pattern.quote(version))
        .containsPattern("(?m)^USER node$")
        .containsPattern("(?m)^ENTRYPOINT \\[\"kinesalite\", \"--port\", \"4567\"]$");
    assertThat(COMPOSE.publishedPorts("kinesis")).containsEntry(4567, 4567);
  }

  private static String first(String regex, String text) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group(1);
  }
}
