package io.tessera.harness.pipeline;

import io.tessera.harness.process.ServiceProcess;
import io.tessera.harness.process.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Registry, ingest, one or more aggregation owners and, optionally, serving followers as processes,
 * with {@link PipelineNames} of their own. Starting launches every JVM at once (start-up dominates
 * a run on two cores) and returns when each reports healthy, and each follower ready (caught up).
 */
public final class Pipeline implements AutoCloseable {

  private final PipelineNames names;
  private final List<String> aggregationJvm;
  private final Optional<List<String>> servingJvm;
  private final ServiceProcess registry;
  private final ServiceProcess ingest;
  private final List<ServiceProcess> aggregations = new ArrayList<>();
  private final List<ServiceProcess> servings = new ArrayList<>();
  private int servingsStarted;

  private Pipeline(
      PipelineNames names,
      List<String> aggregationJvm,
      Optional<List<String>> servingJvm,
      ServiceProcess registry,
      ServiceProcess ingest) {
    this.names = names;
    this.aggregationJvm = aggregationJvm;
    this.servingJvm = servingJvm;
    this.registry = registry;
    this.ingest = ingest;
  }

  /** All four services, one instance each, with the test JVM settings everywhere. */
  public static Pipeline start(PipelineNames names) {
    return start(
        names, ServiceSpec.TEST_JVM, ServiceSpec.TEST_JVM, Optional.of(ServiceSpec.TEST_JVM));
  }

  /**
   * @param serviceJvm JVM options of registry and ingest
   * @param aggregationJvm JVM options of every aggregation instance
   * @param servingJvm JVM options of every serving instance; empty: no serving
   */
  public static Pipeline start(
      PipelineNames names,
      List<String> serviceJvm,
      List<String> aggregationJvm,
      Optional<List<String>> servingJvm) {
    ServiceProcess registry = ServiceProcess.start(ServiceSpecs.registry(names, serviceJvm));
    ServiceProcess ingest = ServiceProcess.start(ServiceSpecs.ingest(names, serviceJvm));
    Pipeline pipeline = new Pipeline(names, aggregationJvm, servingJvm, registry, ingest);
    try {
      pipeline.aggregations.add(ServiceProcess.start(pipeline.aggregationSpec()));
      servingJvm.ifPresent(
          jvm -> pipeline.servings.add(ServiceProcess.start(pipeline.servingSpec())));
      registry.awaitHealthy();
      ingest.awaitHealthy();
      pipeline.aggregations.forEach(ServiceProcess::awaitHealthy);
      pipeline.servings.forEach(ServiceProcess::awaitReady);
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  public PipelineNames names() {
    return names;
  }

  public RegistryApi registryApi() {
    return new RegistryApi(registry.uri("/"), ServiceSpecs.WRITE_KEY);
  }

  public ServiceProcess registry() {
    return registry;
  }

  public ServiceProcess ingest() {
    return ingest;
  }

  /** The first aggregation instance (the one a crash test kills). */
  public ServiceProcess aggregation() {
    return aggregations.get(0);
  }

  public List<ServiceProcess> aggregations() {
    return List.copyOf(aggregations);
  }

  /** The serving instances running now, the first one first. */
  public List<ServiceProcess> servings() {
    return List.copyOf(servings);
  }

  /** Starts one more aggregation instance in the same consumer group, and waits until healthy. */
  public ServiceProcess addAggregation() {
    ServiceProcess added = ServiceProcess.start(aggregationSpec());
    aggregations.add(added);
    return added.awaitHealthy();
  }

  /** Stops (SIGTERM) an instance that {@link #addAggregation} started: it leaves the group. */
  public void removeAggregation(ServiceProcess instance) {
    instance.stop();
    aggregations.remove(instance);
  }

  /** Starts the first aggregation instance again after a {@link ServiceProcess#kill()}. */
  public ServiceProcess restartAggregation() {
    ServiceProcess restarted = aggregations.get(0).restart();
    aggregations.set(0, restarted);
    return restarted.awaitHealthy();
  }

  /** Starts one more serving follower and waits until it is ready (caught up). */
  public ServiceProcess addServing() {
    ServiceProcess added = ServiceProcess.start(servingSpec());
    servings.add(added);
    return added.awaitReady();
  }

  /** Stops (SIGTERM) a serving instance. */
  public void removeServing(ServiceProcess instance) {
    instance.stop();
    servings.remove(instance);
  }

  /** Starts the first serving instance again (after a kill) and waits until it is ready. */
  public ServiceProcess restartServing() {
    ServiceProcess restarted = servings.get(0).restart();
    servings.set(0, restarted);
    return restarted.awaitReady();
  }

  private ServiceSpec aggregationSpec() {
    return ServiceSpecs.aggregation(
        names, "aggregation-" + (aggregations.size() + 1), aggregationJvm);
  }

  private ServiceSpec servingSpec() {
    servingsStarted++;
    return ServiceSpecs.serving(
        names,
        "serving-" + servingsStarted,
        servingJvm.orElseThrow(() -> new IllegalStateException("this pipeline has no serving")));
  }

  @Override
  public void close() {
    Stream.of(servings, aggregations).flatMap(List::stream).forEach(ServiceProcess::close);
    ingest.close();
    registry.close();
  }
}
