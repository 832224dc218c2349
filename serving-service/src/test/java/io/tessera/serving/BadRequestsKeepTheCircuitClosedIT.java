package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store's circuit breaker counts store faults only: a flood of clients' bad requests (unknown
 * views, missing keys, entity keys no store can hold) never opens it, so the next good request is
 * still answered from the store instead of {@code unavailable} for everyone. The entity's event is
 * sealed (in the store, not the follower's memory), so its reads are store calls.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadRequestsKeepTheCircuitClosedIT {
  private static final String VIEW = UniqueNames.of("cb");
  private static final long MINUTE = 60_000L;
  private static final long NOW = System.currentTimeMillis();
  private static ServingStack stack;
  private static StreamFeed feed;

  @LocalServerPort private int port;
  @Autowired private CircuitBreaker storeCircuitBreaker;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = ServingStack.create("cb");
    feed = StreamFeed.on(stack);
    stack.publishView(FeatureServingIT.view(VIEW, "one", "\"1h\""), 1, "CREATED", false);
    feed.produce(VIEW, 1, List.of(FeatureServingIT.event("u1", NOW - 10 * MINUTE, "e1", 2.5)));
    feed.seal(VIEW, 1, NOW - MINUTE); // in the store: reads of u1 are store calls
    feed.register(registry);
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
  }

  @Test
  void aFloodOfBadRequestsNeverOpensTheStoreCircuit() throws Exception {
    String good =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}".formatted(VIEW);
    FeatureServingIT.await(() -> post(good).body().contains("\"status\":\"present\""));
    String hugeKey = "k".repeat(70_000); // over Cassandra's 64 KB partition-key limit
    String oversized =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"%s\"}]}"
            .formatted(VIEW, hugeKey);
    String unknownView =
        "{\"features\": [\"no_such_view:spend\"], \"entities\": [{\"user_id\": \"u1\"}]}";
    String missingKey =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"merchant\": \"m\"}]}".formatted(VIEW);

    for (int i = 0; i < 40; i++) {
      assertThat(post(oversized).statusCode()).isEqualTo(400);
      assertThat(post(unknownView).statusCode()).isBetween(400, 404);
      assertThat(post(missingKey).statusCode()).isEqualTo(400);
    }

    assertThat(storeCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(storeCircuitBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
    // at a minute no request asked before, so the sealed span is read from the store, not a cache
    String fromTheStore =
        "{\"features\": [\"%s:spend\"], \"entities\": [{\"user_id\": \"u1\"}], \"at\": \"%s\"}"
            .formatted(VIEW, Instant.ofEpochMilli(NOW - 2 * MINUTE));
    HttpResponse<String> answer = post(fromTheStore);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"status\":\"present\"").contains("\"value\":2.5");
  }

  private HttpResponse<String> post(String body) throws Exception {
    return new FeaturesEndpoint(port).post(body);
  }
}
