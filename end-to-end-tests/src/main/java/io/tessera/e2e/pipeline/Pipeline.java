package io.tessera.e2e.pipeline;

import io.tessera.e2e.process.ServiceProcess;
import io.tessera.e2e.process.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Registry, ingest and one or more aggregation instances as processes, with {@link PipelineNames}
 * of their own. Starting launches all three JVMs at once (start-up dominates a run on two cores)
 * and returns when each reports healthy.
 */
public final class Pipeline implements AutoCloseable {

  private final PipelineNames names;
  private final List<String> aggregationJvm;
  private final ServiceProcess registry;
  private final ServiceProcess ingest;
  private final List<ServiceProcess> aggregations = new ArrayList<>();

  private Pipeline(
      PipelineNames names,
      List<String> aggregationJvm,
      ServiceProcess registry,
      ServiceProcess ingest,
      ServiceProcess aggregation) {
    this.names = names;
    this.aggregationJvm = aggregationJvm;
    this.registry = registry;
    this.ingest = ingest;
    this.aggregations.add(aggregation);
  }

  /** The pipeline with the test JVM settings everywhere. */
  public static Pipeline start(PipelineNames names) {
    return start(names, ServiceSpec.TEST_JVM, ServiceSpec.TEST_JVM);
  }

  /**
   * @param serviceJvm JVM options of registry and ingest
   * @param aggregationJvm JVM options of every aggregation instance
   */
  public static Pipeline start(
      PipelineNames names, List<String> serviceJvm, List<String> aggregationJvm) {
    ServiceProcess registry = ServiceProcess.start(ServiceSpecs.registry(names, serviceJvm));
    ServiceProcess ingest = ServiceProcess.start(ServiceSpecs.ingest(names, serviceJvm));
    ServiceProcess aggregation =
        ServiceProcess.start(ServiceSpecs.aggregation(names, "aggregation-1", aggregationJvm));
    Pipeline pipeline = new Pipeline(names, aggregationJvm, registry, ingest, aggregation);
    try {
      registry.awaitHealthy();
      ingest.awaitHealthy();
      aggregation.awaitHealthy();
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

  /** Starts one more aggregation instance in the same consumer group, and waits until healthy. */
  public ServiceProcess addAggregation() {
    String instance = "aggregation-" + (aggregations.size() + 1);
    ServiceProcess added =
        ServiceProcess.start(ServiceSpecs.aggregation(names, instance, aggregationJvm));
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

  @Override
  public void close() {
    for (ServiceProcess aggregation : aggregations) {
      aggregation.close();
    }
    ingest.close();
    registry.close();
  }
}
