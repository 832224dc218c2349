package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.PrivateCassandra;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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
 * service recovers by itself when the process is started again.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its store process is gone afterwards: the context would only reconnect forever
class StoreDownIT {
  private static final String VIEW = UniqueNames.of("down");
  private static final String PREFIX = UniqueNames.of("sd") + "_";
  private static final long NOW = System.currentTimeMillis();
  private static PrivateCassandra cassandra;
  private static ServingStack stack;

  @LocalServerPort private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    cassandra = new PrivateCassandra();
    cassandra.start();
    try (CqlSession bootstrap = cassandra.openSession()) {
      bootstrap.execute(
          "CREATE KEYSPACE IF NOT EXISTS tessera_test WITH replication = {'class':"
              + " 'SimpleStrategy', 'replication_factor': 1}");
    }
    CqlSession session =
        CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", cassandra.cqlPort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace("tessera_test")
            .build();
    LocalStack.get();
    stack = new ServingStack(UniqueNames.of("defs"), UniqueNames.of("bfs"), PREFIX, session);
    FeatureView view =
        stack.publishView(FeatureServingIT.view(VIEW, "one", "\"1h\""), 1, "CREATED", false);
    long closed = Math.floorDiv(NOW, 60_000) * 60_000 - 120_000;
    stack.write(
        view,
        VIEW,
        "u1",
        List.of(new Event("u1", NOW - 60_000, "e1", 1, Map.of("amount", 2.5))),
        closed,
        closed - 600_000);
    session.close();
    registry.add("spring.cassandra.contact-points", cassandra::contactPoint);
    stack.register(registry);
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
    cassandra.close();
  }

  @Test
  void answersUnavailableFastWhileTheStoreIsDownAndRecoversWhenItIsBack() throws Exception {
    String body =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}".formatted(VIEW);
    String strict =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u1\"}], \"allOrNothing\": true}"
            .formatted(VIEW);
    FeatureServingIT.await(() -> post(body).body().contains("\"status\":\"present\""));
    assertThat(post(body).body()).contains("\"value\":2.5");

    cassandra.kill();

    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      HttpResponse<String> down = post(body);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(down.statusCode()).isEqualTo(200);
      assertThat(down.body()).contains("\"status\":\"unavailable\"").contains("\"value\":null");
      assertThat(tookMs).as("answered in %d ms", tookMs).isLessThan(1_500);
    }
    HttpResponse<String> refused = post(strict);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    cassandra.start();

    // Recovered: a present answer with the value from before. A node that has just started may
    // still miss a call's timeout now and then (unavailable again), which is not a failure.
    long deadline = System.currentTimeMillis() + 90_000;
    String answer = post(body).body();
    while (!(answer.contains("\"status\":\"present\"") && answer.contains("\"value\":2.5"))) {
      assertThat(System.currentTimeMillis())
          .as("recovered within 90 s; last answer %s", answer)
          .isLessThan(deadline);
      Thread.sleep(500);
      answer = post(body).body();
    }
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/features"))
            .header("Content-Type", "application/json")
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
