package io.tessera.aggregation.support;

import io.tessera.aggregation.AggregationApplication;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.UniqueNames;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One aggregation-service, the real application against the real stack with per-test topics and
 * tables; closing it is a clean shutdown, so a test can restart the service mid-stream.
 */
public final class AggregationInstance implements AutoCloseable {
  private final ConfigurableApplicationContext context;

  private AggregationInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Per-test names: definitions, normalized and dead-letter topics, group and table prefix. */
  public record Names(
      String registry, String normalized, String deadLetters, String group, String tablePrefix) {

    /** Fresh names for one test; {@code tag} starts the table prefix. */
    public static Names unique(String tag) {
      return new Names(
          UniqueNames.of("defs"),
          UniqueNames.of("normalized"),
          UniqueNames.of("dead"),
          UniqueNames.of("group"),
          UniqueNames.of(tag) + "_");
    }
  }

  public static AggregationInstance start(Names names) {
    return start(names, Map.of());
  }

  /** Starts one with {@code overrides} on top of the test defaults. */
  public static AggregationInstance start(Names names, Map<String, Object> overrides) {
    LocalStack stack = LocalStack.get();
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("spring.cassandra.keyspace-name", LocalStack.TEST_KEYSPACE);
    properties.put("tessera.registry.topic", names.registry());
    properties.put("tessera.aggregation.normalized-topic", names.normalized());
    properties.put("tessera.aggregation.dead-letter-topic", names.deadLetters());
    properties.put("tessera.aggregation.consumer-group", names.group());
    properties.put("tessera.aggregation.table-prefix", names.tablePrefix());
    // backfills hand their rows to the stack's node as SSTables, as on ./tessera up
    properties.put("tessera.aggregation.backfill.write-mode", "import");
    properties.put(
        "tessera.aggregation.backfill.bulk.jmx-port", stack.endpoints().cassandraJmxPort());
    properties.putAll(overrides);
    // As arguments, not builder properties: those are defaults, below tessera-common.yml's.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new AggregationInstance(
        new SpringApplicationBuilder(AggregationApplication.class).run(args));
  }

  /** The port its HTTP server listens on. */
  public int port() {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
