package io.tessera.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Helm chart lints cleanly and renders every service wired to the engines it names. */
class HelmChartTest {

  private static final Path CHART = Path.of("..", "helm", "tessera");

  @Test
  void lintsWithoutFindings() {
    LintResult result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
  }

  @Test
  void rendersADeploymentAndServicePerServiceWiredToTheEngines() {
    String manifests =
        new Helm(CHART)
            .template()
            .withName("feature-platform")
            .set("kafka.bootstrapServers", "kafka-0.kafka:9092")
            .call();

    for (String service : new String[] {"registry", "ingest", "aggregation", "serving"}) {
      assertThat(manifests)
          .contains("name: feature-platform-" + service + "\n")
          .contains("image: \"tessera/" + service + "-service:0.1.0\"");
    }
    assertThat(manifests)
        .contains("kind: Deployment")
        .contains("kind: Service")
        .contains("TESSERA_KAFKA_BOOTSTRAP: \"kafka-0.kafka:9092\"")
        .contains("path: /actuator/health/readiness")
        .contains("TESSERA_SERVING_READS_OPEN: \"false\"")
        .doesNotContain("secretRef");
  }

  @Test
  void passesTheApiKeysSecretToEveryService() {
    String manifests =
        new Helm(CHART)
            .template()
            .withName("feature-platform")
            .set("security.apiKeysSecret", "tessera-api-keys")
            .set("security.jwt.issuerUri", "https://id.example.com/realms/ml")
            .call();

    assertThat(manifests.split("name: tessera-api-keys\n", -1)).hasSize(5);
    assertThat(manifests).contains("TESSERA_JWT_ISSUER_URI: \"https://id.example.com/realms/ml\"");
  }
}
