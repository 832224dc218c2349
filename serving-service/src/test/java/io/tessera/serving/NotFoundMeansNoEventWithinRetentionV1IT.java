package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code not_found} means no event within the view's retention, not just none in a window: an
 * entity whose only event is older than the longest window (1d) but retained (1d + the 1d tile) is
 * {@code stale} with defaults and no newest event time; past the retention it is {@code not_found}.
 *
 * <p>Pinned to version 1 (tiles written directly): version 2 has no retention probe yet and answers
 * {@code not_found} for such an entity (docs/serving.md, "Statuses"). Port it with that probe.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotFoundMeansNoEventWithinRetentionV1IT {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long NOW = System.currentTimeMillis();
  private static final String VIEW = UniqueNames.of("ret");
  private static final String SERVICE = UniqueNames.of("retsvc");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ServingStack stack;

  @LocalServerPort private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = ServingStack.create("ret");
    FeatureView view =
        stack.publishView(
            FeatureServingIT.view(VIEW, "one", "\"1h\", \"1d\""), 1, "CREATED", false);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\", \"%s:n\"]}".formatted(SERVICE, VIEW, VIEW),
        1);
    long closed = Math.floorDiv(NOW, MINUTE) * MINUTE - 2 * MINUTE;
    stack.write(
        view,
        VIEW,
        "u_dormant",
        List.of(
            new Event(
                "u_dormant",
                NOW - 30 * HOUR,
                "d1",
                1,
                Map.of("user_id", "u_dormant", "amount", 9.0, "ts", NOW - 30 * HOUR))),
        closed,
        closed - 30 * MINUTE);
    stack.register(registry);
  }

  @AfterAll
  static void tearDown() {
    stack.close();
  }

  @Test
  void notFoundMeansNoEventWithinRetentionNotJustNoneInAWindow() throws Exception {
    String path = "/api/v1/feature-services/" + SERVICE + "/features?user_id=u_dormant";
    FeatureServingIT.await(() -> get(path).statusCode() == 200); // definitions arrive via Kafka
    JsonNode values = JSON.readTree(get(path).body());

    for (JsonNode value : values.get("values")) {
      assertThat(value.get("status").asString()).as(value.toString()).isEqualTo("stale");
      assertThat(value.has("newestEventTime")).as("no event contributed").isFalse();
    }
    assertThat(values.get("values").get(1).get("value").asDouble()).isEqualTo(0.0); // 1d: default

    String beyondRetention = Instant.ofEpochMilli(NOW + 3 * 24 * HOUR).toString();
    HttpResponse<String> later = get(path + "&at=" + beyondRetention);
    assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
    assertThat(JSON.readTree(later.body()).get("values").get(0).get("status").asString())
        .isEqualTo("not_found");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
