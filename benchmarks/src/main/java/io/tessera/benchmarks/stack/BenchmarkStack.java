package io.tessera.benchmarks.stack;

import io.tessera.benchmarks.metrics.Actuator;
import io.tessera.benchmarks.profile.ListenerPid;
import io.tessera.harness.pipeline.Pipeline;
import io.tessera.harness.pipeline.PipelineNames;
import io.tessera.harness.process.RepositoryRoot;
import io.tessera.harness.process.ServiceProcess;
import io.tessera.harness.process.ServiceSpec;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.testsupport.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Registry, ingest, one aggregation owner and one serving follower as processes, each with the
 * production flags of {@code local-stack/jvm/service.options} and a fixed heap ({@link #SMALL_HEAP}
 * for registry and ingest, {@link #AGGREGATION_HEAP} and {@link #SERVING_HEAP}, as {@code ./tessera
 * up} gives them and overridden alike). Storage tables carry a prefix of the run's own and are
 * dropped on {@link #close}: a run writes millions of rows nobody reads again.
 */
public final class BenchmarkStack implements AutoCloseable {
  /** Registry and ingest (one JVM setting for both; {@code ./tessera up} gives registry 256m). */
  public static final String SMALL_HEAP = "512m";

  /**
   * Aggregation's heap: {@code TESSERA_AGGREGATION_HEAP} as {@code ./tessera up} reads it, else the
   * launcher's default.
   */
  public static final String AGGREGATION_HEAP = heap("TESSERA_AGGREGATION_HEAP");

  /** Serving's heap: {@code TESSERA_SERVING_HEAP}, else the launcher's default. */
  public static final String SERVING_HEAP = heap("TESSERA_SERVING_HEAP");

  /** The launcher's default heap of aggregation and serving (local-stack/stack.sh). */
  private static final String DEFAULT_LARGE_HEAP = "2g";

  /**
   * Services may take many minutes to start while other builds load the machine; a benchmark waits
   * for them (10 minutes unless {@code -Dtessera.e2e.start-timeout-seconds} says otherwise) rather
   * than fail after the tests' 4 minutes. Set before {@link ServiceProcess} is loaded.
   */
  static {
    if (System.getProperty(ServiceProcess.START_TIMEOUT_PROPERTY) == null) {
      System.setProperty(ServiceProcess.START_TIMEOUT_PROPERTY, "600");
    }
  }

  private final PipelineNames names = PipelineNames.unique().withOwnStorageTables();
  private final Pipeline pipeline;

  public BenchmarkStack() {
    pipeline =
        Pipeline.start(
            names,
            ServiceSpec.productionJvm(SMALL_HEAP),
            ServiceSpec.productionJvm(AGGREGATION_HEAP),
            Optional.of(ServiceSpec.productionJvm(SERVING_HEAP)));
    // A benchmark stopped with Ctrl-C or SIGTERM must not leave four service JVMs running.
    Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "benchmark-stack-stop"));
  }

  public PipelineNames names() {
    return names;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public ServiceProcess aggregation() {
    return pipeline.aggregation();
  }

  public ServiceProcess serving() {
    return pipeline.servings().get(0);
  }

  public Actuator aggregationMeters() {
    return new Actuator(aggregation().uri("/"));
  }

  public Actuator servingMeters() {
    return new Actuator(serving().uri("/"));
  }

  /** Creates a source topic that keeps its records (history older than Kafka's default 7 days). */
  public static void createSourceTopic(String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(LocalStack.get().kafkaProperties())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", "-1"))))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * Every process a report's CPU table names, in order: the four services, Kafka, Cassandra (found
   * by their listening ports: the shared stack may have been started by another checkout) and this
   * JVM, the load generator.
   */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put("registry", pipeline.registry().pid());
    pids.put("ingest", pipeline.ingest().pid());
    pids.put("aggregation (owner)", aggregation().pid());
    pids.put("serving (follower)", serving().pid());
    Path root = RepositoryRoot.find();
    pids.put("kafka", ListenerPid.stackPid(root, "kafka", kafkaPort()));
    pids.put(
        "cassandra",
        ListenerPid.stackPid(
            root, "cassandra", LocalStack.get().endpoints().cassandra().getPort()));
    pids.put("generator (this JVM)", ProcessHandle.current().pid());
    return pids;
  }

  public static int kafkaPort() {
    String first = LocalStack.get().endpoints().kafkaBootstrap().split(",")[0];
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }

  /** The production flags as the reports print them, with the heaps. */
  public static String jvmFlags() {
    Path options = RepositoryRoot.find().resolve("local-stack/jvm/service.options");
    try {
      String flags =
          Files.readAllLines(options).stream()
              .map(String::trim)
              .filter(line -> !line.isEmpty() && !line.startsWith("#"))
              .collect(Collectors.joining(" "));
      return "`"
          + flags
          + "` (`local-stack/jvm/service.options`), heap -Xms=-Xmx "
          + (AGGREGATION_HEAP.equals(SERVING_HEAP)
              ? AGGREGATION_HEAP + " for aggregation and serving, "
              : AGGREGATION_HEAP + " for aggregation, " + SERVING_HEAP + " for serving, ")
          + SMALL_HEAP
          + " for registry and ingest";
    } catch (IOException e) {
      return "local-stack/jvm/service.options (unreadable: " + e + ")";
    }
  }

  private static String heap(String variable) {
    String configured = System.getenv(variable);
    return configured == null || configured.isBlank() ? DEFAULT_LARGE_HEAP : configured.trim();
  }

  /** A heap as {@code -Xmx} takes it ({@code 512m}, {@code 2g}), in bytes. */
  public static long bytes(String heap) {
    String digits = heap.substring(0, heap.length() - 1);
    return switch (Character.toLowerCase(heap.charAt(heap.length() - 1))) {
      case 'k' -> Long.parseLong(digits) << 10;
      case 'm' -> Long.parseLong(digits) << 20;
      case 'g' -> Long.parseLong(digits) << 30;
      default -> Long.parseLong(heap);
    };
  }

  /** Stops the services, then drops the run's storage tables (best effort). */
  @Override
  public void close() {
    pipeline.close();
    try {
      new SealedSchema(names.storageTablePrefix()).drop(LocalStack.get().cqlSession());
    } catch (RuntimeException e) {
      System.err.println(
          "could not drop the run's tables " + names.storageTablePrefix() + "*: " + e);
    }
  }
}
