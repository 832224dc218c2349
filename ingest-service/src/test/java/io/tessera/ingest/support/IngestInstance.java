package io.tessera.ingest.support;

import io.tessera.ingest.IngestApplication;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.TestApiKeys;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One ingest service, started as the real application on a random port against the real stack, with
 * per-test topics and the test API keys ({@link TestApiKeys}); closing it is a clean shutdown, so
 * tests can restart ingest.
 */
public final class IngestInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private IngestInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Per-test topics: {@code registry}, {@code normalized}, {@code deadLetters}. */
  public record Topics(String registry, String normalized, String deadLetters) {}

  public static IngestInstance start(Topics topics, Map<String, Object> extra) {
    LocalStack.get();
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", 0);
    properties.put("spring.cassandra.keyspace-name", LocalStack.TEST_KEYSPACE);
    properties.put("tessera.registry.topic", topics.registry());
    properties.put("tessera.ingest.normalized-topic", topics.normalized());
    properties.put("tessera.ingest.dead-letter-topic", topics.deadLetters());
    properties.put("tessera.ingest.max-payload-bytes", 4096);
    properties.put("tessera.ingest.reconcile-interval", "1s");
    properties.put("tessera.security.api-keys", TestApiKeys.CONFIGURED);
    properties.putAll(extra);
    // As command-line arguments: they outrank application.yml and tessera-common.yml, whereas
    // SpringApplicationBuilder.properties() are defaults that those files would override.
    String[] args =
        properties.entrySet().stream()
            .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new);
    return new IngestInstance(new SpringApplicationBuilder(IngestApplication.class).run(args));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  @Override
  public void close() {
    context.close();
  }
}
