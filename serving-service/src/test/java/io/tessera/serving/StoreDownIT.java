package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.PrivateCassandra;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store goes down under a running service: its own Cassandra process (not the shared one) is
 * killed by PID. Values become {@code unavailable} fast (all-or-nothing requests get 503), and the
 * service recovers by itself when the process is started again. The owner's sealed rows and
 * checkpoints are in that Cassandra, and each request asks at a time whose sealed span only the
 * store holds.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its store process is gone afterwards: the context would only reconnect forever
class StoreDownIT {
  private static final String VIEW = UniqueNames.of("down");
  private static final String PREFIX = UniqueNames.of("sd") + "_";
  private static final long MINUTE = 60_000L;
  private static final long NOW = System.currentTimeMillis();

  /** Sealed: a day's window at any minute of the day after it holds it, read from the store. */
  private static final long EVENT_MS = Math.floorDiv(NOW, MINUTE) * MINUTE - 23 * 60 * MINUTE;

  private static PrivateCassandra cassandra;
  private static ServingStack stack;
  private static StreamFeed feed;

  @LocalServerPort private int port;
  private final AtomicInteger asked = new AtomicInteger();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    cassandra = new PrivateCassandra();
    cassandra.start();
    try (CqlSession bootstrap = cassandra.openSession()) {
      bootstrap.execute(
          "CREATE KEYSPACE IF NOT EXISTS tessera_test WITH replication = {'class':"
              + " 'SimpleStrategy', 'replication_factor': 1}");
    }
    LocalStack.get();
    // the owner writes the sealed rows and checkpoints to the private Cassandra, under PREFIX,
    // where
    // serving's sealed store reads them (spring.cassandra.contact-points,
    // tessera.serving.table-prefix)
    try (CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.cqlPort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace("tessera_test")
            .build()) {
      stack = new ServingStack(UniqueNames.of("defs"), UniqueNames.of("bfs"), PREFIX);
      feed = new StreamFeed(stack, session);
      stack.publishView(FeatureServingIT.view(VIEW, "one", "\"1d\""), 1, "CREATED", false);
      feed.produce(VIEW, 1, List.of(FeatureServingIT.event("u1", EVENT_MS, "e1", 2.5)));
      feed.seal(VIEW, 1, NOW - MINUTE);
    }
    registry.add("spring.cassandra.contact-points", cassandra::contactPoint);
    feed.register(registry);
  }

  @AfterAll
  static void stop() throws Exception {
    feed.close();
    stack.close();
    cassandra.close();
  }

  @Test
  void answersUnavailableFastWhileTheStoreIsDownAndRecoversWhenItIsBack() throws Exception {
    FeatureServingIT.await(() -> post(false).body().contains("\"status\":\"present\""));
    assertThat(post(false).body()).contains("\"value\":2.5");

    cassandra.kill();

    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      HttpResponse<String> down = post(false);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(down.statusCode()).isEqualTo(200);
      assertThat(down.body()).contains("\"status\":\"unavailable\"").contains("\"value\":null");
      assertThat(tookMs).as("answered in %d ms", tookMs).isLessThan(1_500);
    }
    HttpResponse<String> refused = post(true);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    cassandra.start();

    // Recovered: a present answer with the value from before. A node that has just started may
    // still miss a call's timeout now and then (unavailable again), which is not a failure.
    long deadline = System.currentTimeMillis() + 90_000;
    String answer = post(false).body();
    while (!(answer.contains("\"status\":\"present\"") && answer.contains("\"value\":2.5"))) {
      assertThat(System.currentTimeMillis())
          .as("recovered within 90 s; last answer %s", answer)
          .isLessThan(deadline);
      Thread.sleep(500);
      answer = post(false).body();
    }
  }

  /**
   * Asks for u1's value at a minute of its own: the sealed spans a request read are cached (rows
   * before the seal point never change) and answered from memory with no store call, so each
   * request names a span no request read before, and only the store can answer it.
   */
  private HttpResponse<String> post(boolean allOrNothing) throws Exception {
    long atMs = EVENT_MS + (asked.incrementAndGet() * MINUTE) + 1;
    assertThat(atMs).as("a minute of its own, all sealed").isLessThan(NOW - 6 * MINUTE);
    String body =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u1\"}], \"at\": \"%s\", \"allOrNothing\": %s}"
            .formatted(VIEW, Instant.ofEpochMilli(atMs), allOrNothing);
    return new FeaturesEndpoint(port).post(body);
  }
}
