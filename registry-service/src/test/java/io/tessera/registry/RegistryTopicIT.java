package io.tessera.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.service.FeatureReference;
import io.tessera.registryclient.DeletionRecord;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.RegistryClient;
import io.tessera.registryclient.RegistryListener;
import io.tessera.registryclient.RegistrySnapshot;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The topic side, end to end: what the registry-service stores reaches every {@link RegistryClient}
 * through Kafka alone, also after the service is stopped, and what the topic lacks is republished
 * when the service starts again.
 */
@RealStackTest
class RegistryTopicIT {

  private static final String TABLES = UniqueNames.of("registry_topic") + "_";
  private static final String TOPIC = UniqueNames.of("registry_topic_it");
  private static final Duration WAIT = Duration.ofSeconds(10);

  @AfterAll
  static void dropTables() {
    RegistryTables.drop(TABLES);
  }

  @Test
  void clientsFollowTheRegistryThroughTheTopicAlsoWhileItIsStopped() throws Exception {
    String view = UniqueNames.of("view");
    String gone = UniqueNames.of("gone");
    String service = UniqueNames.of("svc");
    BlockingQueue<Object> heard = new LinkedBlockingQueue<>();

    try (RegistryClient client =
        new RegistryClient(LocalStack.get().kafkaProperties(), TOPIC).start()) {
      ConfigurableApplicationContext registry = startRegistry();
      RegistryHttp http = new RegistryHttp(port(registry));
      assertThat(client.awaitCaughtUp(WAIT)).isTrue();
      client.addListener(recordingTo(heard));

      assertThat(http.put("/api/v1/feature-views/" + view, Bodies.view(view, "risk", "a")).status())
          .isEqualTo(201);
      RegisteredDefinition<?> first = (RegisteredDefinition<?>) heard.poll(5, TimeUnit.SECONDS);
      assertThat(first).as("the client heard of version 1").isNotNull();
      assertThat(first.name()).isEqualTo(view);
      assertThat(first.record().registeredBy()).isEqualTo("ci");

      String changed = Bodies.view(view, "risk", "a", "1h", "purchases", "");
      assertThat(http.put("/api/v1/feature-views/" + view, changed).status()).isEqualTo(201);
      assertThat(
              http.put(
                      "/api/v1/feature-services/" + service,
                      Bodies.service(service, view + "@1:txn_count", view + ":purchases"))
                  .status())
          .isEqualTo(201);
      http.put("/api/v1/feature-views/" + gone, Bodies.view(gone, "risk", "a"));
      assertThat(http.delete("/api/v1/feature-views/" + gone).status()).isEqualTo(200);
      awaitDeletion(heard, gone);

      registry.close();

      assertRegistryAsRegistered(client.snapshot(), view, gone, service);
      try (RegistryClient fresh =
          new RegistryClient(LocalStack.get().kafkaProperties(), TOPIC).start()) {
        assertThat(fresh.awaitCaughtUp(WAIT)).isTrue();
        assertRegistryAsRegistered(fresh.snapshot(), view, gone, service);
      }

      // A version stored while publishing failed (a crash, a broker outage): the topic lacks it.
      insertUnpublishedVersion3(view, client.snapshot());
      ConfigurableApplicationContext restarted = startRegistry();
      try {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.snapshot().view(view, 3).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(client.snapshot().latestView(view).orElseThrow().version()).isEqualTo(3);
        assertThat(
                new RegistryHttp(port(restarted))
                    .get("/api/v1/feature-views/" + view)
                    .json()
                    .get("version")
                    .asInt())
            .as("the latest pointer was repaired too")
            .isEqualTo(3);
      } finally {
        restarted.close();
      }
    }
  }

  private static void assertRegistryAsRegistered(
      RegistrySnapshot snapshot, String view, String gone, String service) {
    assertThat(snapshot.latestView(view).orElseThrow().version()).isEqualTo(2);
    assertThat(snapshot.view(view, 1).orElseThrow().definition().feature("txn_count")).isPresent();
    assertThat(snapshot.latestView(gone)).isEmpty();
    assertThat(snapshot.view(gone, 1)).isPresent();
    var fraud = snapshot.latestService(service).orElseThrow().definition();
    assertThat(fraud.features()).hasSize(2);
    FeatureReference pinned = fraud.features().get(0);
    assertThat(snapshot.view(pinned).orElseThrow().version()).isEqualTo(1);
    assertThat(snapshot.view(pinned).orElseThrow().definition().feature("txn_count")).isPresent();
  }

  private static void insertUnpublishedVersion3(String view, RegistrySnapshot snapshot) {
    var version2 = snapshot.view(view, 2).orElseThrow().record();
    var body = version2.definition().deepCopy().put("description", "stored, never published");
    LocalStack.get()
        .cqlSession()
        .execute(
            "INSERT INTO "
                + TABLES
                + "definition_versions (kind, name, version, body, content_hash, change_kind,"
                + " backfill_due, registered_by, registered_at)"
                + " VALUES ('view', ?, 3, ?, 'unpublished', 'METADATA_ONLY', false, 'ci', ?)",
            view,
            body.toString(),
            Instant.now());
  }

  private static void awaitDeletion(BlockingQueue<Object> heard, String name) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Object next = heard.poll(100, TimeUnit.MILLISECONDS);
      if (next instanceof DeletionRecord deletion && deletion.name().equals(name)) {
        return;
      }
    }
    throw new AssertionError("the client never heard of the deletion of " + name);
  }

  private static RegistryListener recordingTo(BlockingQueue<Object> heard) {
    return new RegistryListener() {
      @Override
      public void onVersion(RegisteredDefinition<?> version, RegistrySnapshot snapshot) {
        heard.add(version);
      }

      @Override
      public void onDeletion(DeletionRecord deletion, RegistrySnapshot snapshot) {
        heard.add(deletion);
      }
    };
  }

  private static ConfigurableApplicationContext startRegistry() {
    // command-line arguments: they override application.yml, as the test needs
    return new SpringApplicationBuilder(RegistryApplication.class)
        .run(
            "--server.port=0",
            "--spring.cassandra.keyspace-name=" + LocalStack.TEST_KEYSPACE,
            "--tessera.registry.table-prefix=" + TABLES,
            "--tessera.registry.topic=" + TOPIC,
            "--tessera.registry.backfill-requests-topic=" + TOPIC + "_backfill_requests",
            "--tessera.registry.backfill-status-topic=" + TOPIC + "_backfill_status",
            "--" + TestApiKeys.PROPERTY);
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
