package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * What a training-data request may cost and touch, on the real stack: a bounded job queue (429 with
 * {@code Retry-After} when full).
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingLimitsIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VIEW = UniqueNames.of("lim");
  private static final int MAX_PENDING = 2;

  private static ServingStack stack;
  private static Path work;

  @LocalServerPort private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    stack = ServingStack.create("lim");
    work = Files.createTempDirectory("tessera-limits");
    stack.publishView(
        """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
         "schema": {"user_id": "string", "amount": "double", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "n", "function": "count", "windows": ["1h", "7d"]}]}
        """
            .formatted(VIEW),
        1,
        "CREATED",
        false);
    stack.register(registry);
    registry.add("tessera.serving.training.max-pending-jobs", () -> MAX_PENDING);
  }

  @AfterAll
  static void tearDown() {
    stack.close();
  }

  @Test
  void aFullJobQueueIsRefusedWith429AndRetryAfterUntilAJobFinishes() throws Exception {
    Path spine = work.resolve("big.csv");
    StringBuilder csv = new StringBuilder("user_id,timestamp\n");
    long now = System.currentTimeMillis();
    for (int i = 0; i < 200_000; i++) {
      csv.append("nobody_").append(i % 40_000).append(',').append(now - i).append('\n');
    }
    Files.writeString(spine, csv);
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < MAX_PENDING; i++) {
      HttpResponse<String> job = submit(Map.of("path", spine.toString()), "big-" + i + ".parquet");
      assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
      accepted.add(JSON.readTree(job.body()).get("id").asString());
    }

    HttpResponse<String> refused = submit(Map.of("path", spine.toString()), "refused.parquet");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(refused.body());
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    assertThat(problem.get("detail").asString()).contains("max-pending-jobs");

    for (String id : accepted) {
      send("DELETE", "/api/v1/training-data/" + id);
    }
    for (String id : accepted) {
      awaitFinal(id);
    }
    HttpResponse<String> again = submit(Map.of("path", spine.toString()), "again.parquet");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    send("DELETE", "/api/v1/training-data/" + JSON.readTree(again.body()).get("id").asString());
  }

  private HttpResponse<String> submit(Map<String, Object> spine, String output) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "features",
                List.of(VIEW + ":n"),
                "spine",
                spine,
                "output",
                Map.of("path", work.resolve(output).toString())));
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/training-data"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitFinal(String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      String state =
          JSON.readTree(send("GET", "/api/v1/training-data/" + id).body()).get("state").asString();
      if (!state.equals("running") && !state.equals("queued")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
