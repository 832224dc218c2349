package io.tessera.deployment.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.tessera.deployment.ImageName;
import io.tessera.deployment.TesseraService;
import io.tessera.deployment.settings.LauncherHeaps;
import io.tessera.deployment.settings.MemoryBudget;
import io.tessera.deployment.settings.ServiceEnvironment;
import io.tessera.deployment.settings.ServiceSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.convert.DurationStyle;

/**
 * Each service as the chart deploys it with production-like values: given what its configuration
 * reads, on its ports, as the image's user, probed for readiness, within its memory budget, with a
 * disruption budget, and serving autoscaled.
 */
class ChartServicesTest {
  private static final RenderedChart PRODUCTION =
      RenderedChart.withValuesFile("production-values.yaml");
  private static final RenderedChart DEFAULTS = RenderedChart.render(template -> template);

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void givesEachServiceEveryVariableItReadsAndNoneItDoesNot(TesseraService service) {
    for (RenderedChart chart : new RenderedChart[] {DEFAULTS, PRODUCTION}) {
      Map<String, String> environment = PodEnvironment.of(container(chart, service), chart);

      assertThat(ServiceEnvironment.problems(service, environment.keySet())).isEmpty();
      assertThat(environment.get("TESSERA_API_KEYS")).as("a credential").startsWith("secret:");
    }
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void runsTheImageTheBuildMakesByDefault(TesseraService service) {
    assertThat(container(DEFAULTS, service).getImage()).isEqualTo(ImageName.of(service));
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void exposesEveryPortTheServiceListensOn(TesseraService service) {
    Map<String, Integer> expected = new HashMap<>();
    expected.put("http", ServiceSettings.httpPort(service));
    ServiceSettings.grpcPort(service).ifPresent(grpc -> expected.put("grpc", grpc));
    Map<String, Integer> containerPorts = new HashMap<>();
    for (ContainerPort port : container(PRODUCTION, service).getPorts()) {
      containerPorts.put(port.getName(), port.getContainerPort());
    }
    Map<String, Integer> servicePorts = new HashMap<>();
    for (ServicePort port : PRODUCTION.one(Service.class, name(service)).getSpec().getPorts()) {
      servicePorts.put(port.getTargetPort().getStrVal(), port.getPort());
    }

    assertThat(containerPorts).isEqualTo(expected);
    assertThat(servicePorts).isEqualTo(expected);
    assertThat(PRODUCTION.one(Service.class, name(service)).getSpec().getSelector())
        .isEqualTo(deployment(PRODUCTION, service).getSpec().getSelector().getMatchLabels());
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void runsAsTheImagesUserOnAReadOnlyRoot(TesseraService service) {
    PodSpec pod = deployment(PRODUCTION, service).getSpec().getTemplate().getSpec();
    Container container = container(PRODUCTION, service);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getVolumeMounts()).anyMatch(mount -> mount.getMountPath().equals("/tmp"));
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void isReadyByItsReadinessGroupAndLiveThroughTheStartUpDeadline(TesseraService service) {
    Container container = container(PRODUCTION, service);
    var startup = container.getStartupProbe();
    Duration deadline =
        DurationStyle.detectAndParse(
            PodEnvironment.of(container, PRODUCTION).get("TESSERA_STARTUP_DEADLINE"));

    // serving's readiness refuses until its follower has caught up (FollowerReadiness)
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(
            Duration.ofSeconds((long) startup.getPeriodSeconds() * startup.getFailureThreshold()))
        .as("a service waiting for Cassandra is not restarted before it gives up itself")
        .isGreaterThan(deadline);
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void reservesTheHeapAndRoomBesideItAndByDefaultTheLaunchersHeap(TesseraService service) {
    for (RenderedChart chart : new RenderedChart[] {DEFAULTS, PRODUCTION}) {
      Container container = container(chart, service);
      Matcher heap =
          Pattern.compile("-Xms(\\S+) -Xmx(\\S+)")
              .matcher(PodEnvironment.of(container, chart).get("JDK_JAVA_OPTIONS"));
      assertThat(heap.matches()).isTrue();
      var resources = container.getResources();
      long limit = MemoryBudget.quantity(resources.getLimits().get("memory").toString());

      assertThat(heap.group(1)).isEqualTo(heap.group(2));
      assertThat(limit).isGreaterThanOrEqualTo(MemoryBudget.minimumBytes(service, heap.group(2)));
      assertThat(resources.getRequests().get("memory"))
          .isEqualTo(resources.getLimits().get("memory"));
    }
    assertThat(PodEnvironment.of(container(DEFAULTS, service), DEFAULTS).get("JDK_JAVA_OPTIONS"))
        .endsWith("-Xmx" + LauncherHeaps.heap(service));
  }

  @ParameterizedTest
  @EnumSource(TesseraService.class)
  void keepsAllButOnePodUpThroughADrain(TesseraService service) {
    PodDisruptionBudget budget = PRODUCTION.one(PodDisruptionBudget.class, name(service));

    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(budget.getSpec().getSelector().getMatchLabels())
        .isEqualTo(
            deployment(PRODUCTION, service).getSpec().getTemplate().getMetadata().getLabels());
  }

  @Test
  void scalesServingWithItsLoadAndTheOthersByTheirReplicaValues() {
    HorizontalPodAutoscaler autoscaler =
        PRODUCTION.one(HorizontalPodAutoscaler.class, name(TesseraService.SERVING));

    assertThat(autoscaler.getSpec().getScaleTargetRef().getName())
        .isEqualTo(name(TesseraService.SERVING));
    assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(4);
    assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(20);
    // the autoscaler owns serving's replica count; a fixed one would fight it on every upgrade
    assertThat(deployment(PRODUCTION, TesseraService.SERVING).getSpec().getReplicas()).isNull();
    assertThat(deployment(PRODUCTION, TesseraService.AGGREGATION).getSpec().getReplicas())
        .isEqualTo(6);
    assertThat(deployment(PRODUCTION, TesseraService.INGEST).getSpec().getReplicas()).isEqualTo(3);

    RenderedChart fixed =
        RenderedChart.render(
            template ->
                template
                    .set("services.serving.autoscaling.enabled", false)
                    .set("services.serving.replicas", 5));
    assertThat(fixed.all(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(deployment(fixed, TesseraService.SERVING).getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void createsTopicsWithThePartitionsAndReplicasOfTheValues() {
    assertThat(PodEnvironment.of(container(PRODUCTION, TesseraService.INGEST), PRODUCTION))
        .containsEntry("TESSERA_INGEST_TOPIC_PARTITIONS", "24");
    assertThat(PodEnvironment.of(container(PRODUCTION, TesseraService.REGISTRY), PRODUCTION))
        .containsEntry("TESSERA_REGISTRY_TOPIC_REPLICAS", "3");
  }

  @Test
  void writesTrainingDataToTheNamedClaim() {
    PodSpec pod = deployment(PRODUCTION, TesseraService.SERVING).getSpec().getTemplate().getSpec();
    String trainingDir =
        PodEnvironment.of(container(PRODUCTION, TesseraService.SERVING), PRODUCTION)
            .get("TESSERA_SERVING_TRAINING_DIR");

    assertThat(pod.getVolumes())
        .anyMatch(
            volume ->
                volume.getPersistentVolumeClaim() != null
                    && volume.getPersistentVolumeClaim().getClaimName().equals("tessera-training"));
    assertThat(container(PRODUCTION, TesseraService.SERVING).getVolumeMounts())
        .anyMatch(mount -> mount.getMountPath().equals(trainingDir));
  }

  @Test
  void letsBackfillsAndTrainingReadBatchSourcesFromTheNamedClaimReadOnly() {
    for (TesseraService service : List.of(TesseraService.AGGREGATION, TesseraService.SERVING)) {
      PodSpec pod = deployment(PRODUCTION, service).getSpec().getTemplate().getSpec();
      assertThat(pod.getVolumes())
          .as(service.key())
          .anyMatch(
              volume ->
                  volume.getPersistentVolumeClaim() != null
                      && volume.getPersistentVolumeClaim().getClaimName().equals("tessera-batch")
                      && volume.getPersistentVolumeClaim().getReadOnly());
      assertThat(container(PRODUCTION, service).getVolumeMounts())
          .as(service.key())
          .anyMatch(
              mount ->
                  mount.getMountPath().equals("/var/lib/tessera/batch") && mount.getReadOnly());
    }
    assertThat(PodEnvironment.of(container(PRODUCTION, TesseraService.AGGREGATION), PRODUCTION))
        .containsEntry("TESSERA_BATCH_ALLOWEDDIRECTORIES", "/var/lib/tessera/batch");
    assertThat(PodEnvironment.of(container(PRODUCTION, TesseraService.SERVING), PRODUCTION))
        .containsEntry("TESSERA_SERVING_TRAINING_BATCHSOURCEDIRS", "/var/lib/tessera/batch");
    assertThat(container(DEFAULTS, TesseraService.AGGREGATION).getVolumeMounts())
        .noneMatch(mount -> mount.getMountPath().equals("/var/lib/tessera/batch"));
  }

  private static String name(TesseraService service) {
    return RenderedChart.RELEASE + "-" + service.key();
  }

  private static Deployment deployment(RenderedChart chart, TesseraService service) {
    return chart.one(Deployment.class, name(service));
  }

  private static Container container(RenderedChart chart, TesseraService service) {
    return deployment(chart, service).getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
