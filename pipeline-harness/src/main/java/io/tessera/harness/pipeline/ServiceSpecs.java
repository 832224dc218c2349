package io.tessera.harness.pipeline;

import io.tessera.harness.process.FreePorts;
import io.tessera.harness.process.RepositoryRoot;
import io.tessera.harness.process.ServiceSpec;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.StackEndpoints;
import io.tessera.testsupport.TestApiKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How each service of a pipeline run is configured: the stack's endpoints and the test keyspace as
 * the {@code TESSERA_*} environment the launcher uses too, and the run's own topics and group as
 * Spring arguments (the property names are the ones each service's configuration declares).
 */
public final class ServiceSpecs {

  /**
   * The key that registers a run's views ({@code write}); every service of a run is configured with
   * the test keys' hashes ({@code TESSERA_API_KEYS}, {@link TestApiKeys}).
   */
  public static final String WRITE_KEY = TestApiKeys.WRITE;

  /** The key that reads a run's features from serving ({@code read}). */
  public static final String READ_KEY = TestApiKeys.READ;

  /**
   * Where a run's file batch sources go: the aggregation instances' backfills may read there (and
   * nowhere else).
   */
  public static final Path BATCH_DIRECTORY =
      Path.of(System.getProperty("java.io.tmpdir"), "tessera-e2e-batch");

  private static final String GRPC_PORT = "tessera.serving.grpc-port";
  private static final String SERVING_TABLE_PREFIX = "tessera.serving.table-prefix";

  private ServiceSpecs() {}

  public static ServiceSpec registry(PipelineNames names, List<String> jvm) {
    return new ServiceSpec(
        "registry-service",
        "registry",
        FreePorts.next(),
        jvm,
        environment(),
        Map.of(
            "tessera.registry.topic", names.registryTopic(),
            "tessera.registry.table-prefix", names.registryTablePrefix(),
            "tessera.registry.backfill-requests-topic", names.backfillRequestsTopic(),
            "tessera.registry.backfill-status-topic", names.backfillStatusTopic()));
  }

  public static ServiceSpec ingest(PipelineNames names, List<String> jvm) {
    return new ServiceSpec(
        "ingest-service",
        "ingest",
        FreePorts.next(),
        jvm,
        environment(),
        Map.of(
            "tessera.registry.topic",
            names.registryTopic(),
            "tessera.ingest.normalized-topic",
            names.normalizedTopic(),
            "tessera.ingest.dead-letter-topic",
            names.deadLetterTopic(),
            "tessera.ingest.topic-partitions",
            "4",
            "tessera.ingest.reconcile-interval",
            "1s",
            "tessera.ingest.backfill-status-topic",
            names.backfillStatusTopic(),
            // a shard allows 5 GetRecords a second; 100 ms keeps Kinesis freshness near Kafka's
            "tessera.ingest.kinesis.poll-interval",
            "100ms"));
  }

  /** One aggregation instance; every instance of a run joins the same consumer group. */
  public static ServiceSpec aggregation(PipelineNames names, String instance, List<String> jvm) {
    return withTablePrefix(
        aggregationSpec(names, instance, jvm), AggregationProperties.TABLE_PREFIX, names);
  }

  private static ServiceSpec aggregationSpec(
      PipelineNames names, String instance, List<String> jvm) {
    // backfills hand their rows to the stack's node as SSTables, as on ./tessera up: the JVM runs
    // Cassandra's SSTable writer, which needs JDK internals opened
    List<String> aggregationJvm = new ArrayList<>(jvm);
    aggregationJvm.add(
        "@" + RepositoryRoot.find().resolve("local-stack/jvm/sstable-writer.options"));
    return new ServiceSpec(
        "aggregation-service",
        instance,
        FreePorts.next(),
        aggregationJvm,
        environment(),
        Map.of(
            "tessera.registry.topic",
            names.registryTopic(),
            AggregationProperties.NORMALIZED_TOPIC,
            names.normalizedTopic(),
            AggregationProperties.DEAD_LETTER_TOPIC,
            names.deadLetterTopic(),
            AggregationProperties.GROUP_ID,
            names.aggregationGroup(),
            AggregationProperties.BACKFILL_REQUESTS_TOPIC,
            names.backfillRequestsTopic(),
            AggregationProperties.BACKFILL_STATUS_TOPIC,
            names.backfillStatusTopic(),
            AggregationProperties.BACKFILL_REPORTS_TOPIC,
            names.backfillReportsTopic(),
            AggregationProperties.BATCH_DIRECTORIES,
            BATCH_DIRECTORY.toString(),
            AggregationProperties.BACKFILL_WRITE_MODE,
            "import",
            AggregationProperties.BACKFILL_JMX_PORT,
            Integer.toString(LocalStack.get().endpoints().cassandraJmxPort())));
  }

  /**
   * A serving instance following the run's definitions and normalized topics; its gRPC port is free
   * too, so it never collides with a stack started by {@code ./tessera up}.
   */
  public static ServiceSpec serving(PipelineNames names, List<String> jvm) {
    return serving(names, "serving", jvm);
  }

  /** One serving instance by name; every instance follows all partitions of the topic. */
  public static ServiceSpec serving(PipelineNames names, String instance, List<String> jvm) {
    return withTablePrefix(servingSpec(names, instance, jvm), SERVING_TABLE_PREFIX, names);
  }

  private static ServiceSpec servingSpec(PipelineNames names, String instance, List<String> jvm) {
    return new ServiceSpec(
        "serving-service",
        instance,
        FreePorts.next(),
        jvm,
        environment(),
        Map.of(
            "tessera.serving.registry-topic",
            names.registryTopic(),
            "tessera.serving.follower.normalized-topic",
            names.normalizedTopic(),
            "tessera.serving.backfill-status-topic",
            names.backfillStatusTopic(),
            GRPC_PORT,
            Integer.toString(FreePorts.next())));
  }

  /**
   * What a client of a serving instance sends with every REST request and gRPC call: the run's
   * {@code read} key (lower-case, as gRPC metadata requires; HTTP does not mind).
   */
  public static Map<String, String> clientHeaders() {
    return Map.of("authorization", TestApiKeys.bearer(READ_KEY));
  }

  /** What reading a service's metrics takes: the run's {@code metrics} key. */
  public static Map<String, String> metricsHeaders() {
    return Map.of("authorization", TestApiKeys.bearer(TestApiKeys.METRICS));
  }

  /** The gRPC port a serving instance of {@link #serving} listens on. */
  public static int grpcPort(ServiceSpec serving) {
    return Integer.parseInt(serving.arguments().get(GRPC_PORT));
  }

  private static ServiceSpec withTablePrefix(
      ServiceSpec spec, String property, PipelineNames names) {
    return names.storageTablePrefix().isEmpty()
        ? spec
        : spec.withArgument(property, names.storageTablePrefix());
  }

  private static Map<String, String> environment() {
    StackEndpoints stack = LocalStack.get().endpoints();
    return Map.of(
        "TESSERA_KAFKA_BOOTSTRAP",
        stack.kafkaBootstrap(),
        "TESSERA_CASSANDRA_CONTACT_POINTS",
        stack.cassandra().getHostString() + ":" + stack.cassandra().getPort(),
        "TESSERA_CASSANDRA_DATACENTER",
        stack.cassandraDatacenter(),
        "TESSERA_CASSANDRA_KEYSPACE",
        LocalStack.TEST_KEYSPACE,
        "TESSERA_KINESIS_ENDPOINT",
        stack.kinesis().toString(),
        TestApiKeys.ENVIRONMENT_VARIABLE,
        TestApiKeys.CONFIGURED);
  }
}
