package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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
 * still answered from the store instead of {@code unavailable} for everyone.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadRequestsKeepTheCircuitClosedIT {
  private static final String VIEW = UniqueNames.of("cb");
  private static final long NOW = System.currentTimeMillis();
  private static ServingStack stack;

  @LocalServerPort private int port;
  @Autowired private CircuitBreaker storeCircuitBreaker;
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = ServingStack.create("cb");
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
    stack.register(registry);
  }

  @AfterAll
  static void tearDown() {
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
    HttpResponse<String> answer = post(good);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("\"status\":\"present\"").contains("\"value\":2.5");
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
