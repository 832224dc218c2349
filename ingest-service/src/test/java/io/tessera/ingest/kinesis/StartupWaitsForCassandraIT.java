package io.tessera.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.ingest.support.IngestInstance;
import io.tessera.service.cassandra.CassandraStartup;
import io.tessera.service.startup.StartupRetry;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.PrivateCassandra;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user's report: ingest exited at start-up because creating its Kinesis lease tables timed out
 * on a freshly started Cassandra. Here a Cassandra of the test's own is stalled with {@code
 * SIGSTOP} for several times the per-attempt DDL timeout while ingest starts, then resumed:
 * start-up must wait and complete, with its tables created, instead of failing.
 */
@RealStackTest
class StartupWaitsForCassandraIT {

  /** Small, so that the stall outlasts several attempts. */
  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(2);

  /** Several DDL attempts, each of which alone would have failed start-up before the fix. */
  private static final Duration STALL = Duration.ofSeconds(12);

  /**
   * Longer for a whole service: Spring takes seconds to reach its first Cassandra call, and the
   * stall must outlast that call's connection timeout (5 s) with room to spare, or a service
   * without the waits would pass by connecting just after the resume.
   */
  private static final Duration SERVICE_STALL = Duration.ofSeconds(30);

  private static final Duration DEADLINE = Duration.ofMinutes(3);

  private static PrivateCassandra cassandra;

  @BeforeAll
  static void startCassandra() throws Exception {
    cassandra = new PrivateCassandra();
    cassandra.start();
  }

  @AfterAll
  static void stopCassandra() throws Exception {
    if (cassandra != null) {
      cassandra.close();
    }
  }

  @Test
  void ingestStartsOnceAStalledCassandraAnswersInsteadOfExiting() throws Exception {
    IngestInstance.Topics topics =
        new IngestInstance.Topics(
            UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));
    LocalStack.get(); // Kafka of the shared stack; only Cassandra is the private one

    cassandra.pause();
    CompletableFuture<IngestInstance> starting;
    try {
      starting =
          CompletableFuture.supplyAsync(
              () ->
                  IngestInstance.start(
                      topics,
                      Map.of(
                          "spring.cassandra.contact-points", cassandra.contactPoint(),
                          "tessera.startup.ddl-timeout", DDL_TIMEOUT.toMillis() + "ms",
                          "tessera.startup.deadline", DEADLINE.toSeconds() + "s")));
      Thread.sleep(SERVICE_STALL.toMillis());
      assertThat(starting).as("still waiting for Cassandra, not failed").isNotDone();
    } finally {
      cassandra.resume();
    }

    try (IngestInstance ingest = starting.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        CqlSession session = cassandra.openSession()) {
      assertThat(tables(session, LocalStack.TEST_KEYSPACE))
          .contains("ingest_kinesis_shards", "ingest_kinesis_workers");
    }
  }

  @Test
  void leaseTablesAreCreatedOnceAStalledCassandraAnswersAgain() throws Exception {
    String keyspace = UniqueNames.of("leases");
    try (CqlSession admin = cassandra.openSession()) {
      admin.execute(
          "CREATE KEYSPACE "
              + keyspace
              + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }
    CassandraStartup startup =
        new CassandraStartup(
            new StartupRetry(
                StartupRetry.Policy.ofDeadline(DEADLINE), CassandraStartup::isTransient),
            DDL_TIMEOUT,
            "Cassandra at " + cassandra.contactPoint());
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.cqlPort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace(keyspace)
            .build()) {
      cassandra.pause();
      CompletableFuture<ShardLeaseTable> creating;
      try {
        creating = CompletableFuture.supplyAsync(() -> new ShardLeaseTable(session, startup));
        Thread.sleep(STALL.toMillis());
        assertThat(creating).as("still waiting for Cassandra, not failed").isNotDone();
      } finally {
        cassandra.resume();
      }

      assertThat(creating.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isNotNull();
      assertThat(tables(session, keyspace))
          .contains("ingest_kinesis_shards", "ingest_kinesis_workers");
    }
  }

  private static List<String> tables(CqlSession session, String keyspace) {
    return session
        .execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", keyspace)
        .all()
        .stream()
        .map(row -> row.getString("table_name"))
        .toList();
  }
}
