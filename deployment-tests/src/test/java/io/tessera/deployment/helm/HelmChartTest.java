package io.tessera.deployment.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart as a whole: it lints, renders for the default and a production-like set of values into
 * manifests the Kubernetes model accepts field by field, and refuses wrong values when it is
 * installed (its {@code values.schema.json} and its own checks). Per service: {@link
 * ChartServicesTest}.
 */
class HelmChartTest {

  @Test
  void lintsWithoutFindings() {
    LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
  }

  @Test
  void rendersWithItsDefaultsIntoKnownKindsAndFields() {
    RenderedChart chart = RenderedChart.render(template -> template);

    assertThat(chart.objects())
        .extracting(object -> object.getKind())
        .containsOnly(
            "ConfigMap",
            "Secret",
            "Deployment",
            "Service",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler");
  }

  @Test
  void rendersProductionLikeValuesIntoKnownKindsAndFields() {
    RenderedChart chart = RenderedChart.withValuesFile("production-values.yaml");

    assertThat(chart.all(Deployment.class)).hasSize(4);
    assertThat(
            chart
                .one(Deployment.class, "feature-platform-serving")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("registry.example.com/ml-platform/serving-service:0.1.0");
  }

  @Test
  void aFieldTheKubernetesApiDoesNotHaveFailsTheParse() {
    String misspelt =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: c
              image: i
              readinesProbe: {httpGet: {path: /actuator/health/readiness, port: 8080}}
        """;

    assertThatThrownBy(() -> RenderedChart.parse(misspelt))
        .hasMessageContaining(".spec.containers[0].readinesProbe");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "services.serving.replicas, 0",
    "services.registry.heap, 1GB",
    "services.serving.grpcPort, 70000",
    "services.serving.replica, 3",
    "kafka.partitions, many",
    "security.apiKeys[0], ci:write:the-plain-key-pasted-by-mistake",
    "security.servingReadsOpen, yes please",
    "image.pullPolicy, Sometimes",
    "startup.deadline, five minutes",
    "cassandra.keyspace, tessera-prod",
  })
  void refusesWrongValuesAtInstallTime(String key, String value) {
    assertThatThrownBy(() -> RenderedChart.render(template -> template.set(key, value)))
        .hasMessageContaining("values don't meet the specifications of the schema");
  }

  @Test
  void refusesMoreAggregationOwnersThanPartitions() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    template ->
                        template
                            .set("kafka.partitions", 4)
                            .set("services.aggregation.replicas", 6)))
        .hasMessageContaining("services.aggregation.replicas (6) exceeds kafka.partitions (4)");
  }

  @Test
  void putsTheApiKeysHashesInASecretOfItsOwn() {
    RenderedChart chart = RenderedChart.withValuesFile("production-values.yaml");
    Secret secret = chart.one(Secret.class, "feature-platform-api-keys");

    assertThat(secret.getStringData().get("TESSERA_API_KEYS"))
        .startsWith("ci:write:9f86d081")
        .contains(",fraud-model:read:", ",prometheus:metrics:");
  }

  @Test
  void usesASecretMadeOutsideTheChartWhenOneIsNamed() {
    RenderedChart chart =
        RenderedChart.render(template -> template.set("security.existingSecret", "sealed-keys"));

    assertThat(chart.all(Secret.class)).isEmpty();
    for (Deployment deployment : chart.all(Deployment.class)) {
      Map<String, String> environment =
          PodEnvironment.of(
              deployment.getSpec().getTemplate().getSpec().getContainers().get(0), chart);
      assertThat(environment)
          .containsEntry("TESSERA_API_KEYS", "secret:sealed-keys/TESSERA_API_KEYS");
    }
  }
}
