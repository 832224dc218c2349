package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.Event;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
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
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spine rows per second of a training-data job for a 6-feature x 1h/1d/7d service over users with 7
 * days of events, read by a follower (sealed in the store but the newest half hour). A measurement,
 * not a test: runs only with {@code -Dtessera.bench=true} (see docs/benchmarks/training.md for the
 * command and the numbers).
 */
@RealStackTest
@EnabledIfSystemProperty(named = "tessera.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingThroughputIT {
  private static final long MINUTE = 60_000L;
  private static final long DAY = 24 * 60 * MINUTE;
  private static final long NOW = System.currentTimeMillis();
  private static final int USERS = Integer.getInteger("tessera.bench.users", 50);
  private static final int EVENTS_PER_USER = Integer.getInteger("tessera.bench.events", 2_000);
  private static final int ROWS_PER_USER = Integer.getInteger("tessera.bench.rows", 1_000);
  private static final String VIEW = UniqueNames.of("bench");
  private static final String SERVICE = UniqueNames.of("benchsvc");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static ServingStack stack;
  private static StreamFeed feed;

  @LocalServerPort private int port;
  @Autowired private PartitionFollower follower;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    setUp();
    feed.register(registry);
    ServingStack.allowTrainingFiles(registry, System.getProperty("java.io.tmpdir"));
  }

  static synchronized void setUp() throws Exception {
    if (stack != null) {
      return;
    }
    stack = ServingStack.create("trb");
    feed = StreamFeed.on(stack);
    String windows = "[\"1h\", \"1d\", \"7d\"]";
    stack.publishView(
        """
            {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
             "schema": {"user_id": "string", "amount": "double", "ts": "long"},
             "eventTime": {"field": "ts", "format": "epoch_millis"},
             "features": [
               {"name": "spend", "function": "sum", "input": "amount", "windows": %s},
               {"name": "n", "function": "count", "windows": %s},
               {"name": "avg", "function": "mean", "input": "amount", "windows": %s},
               {"name": "top", "function": "max", "input": "amount", "windows": %s},
               {"name": "low", "function": "min", "input": "amount", "windows": %s},
               {"name": "sd", "function": "stddev_pop", "input": "amount", "windows": %s}]}
            """
            .formatted(VIEW, windows, windows, windows, windows, windows, windows),
        1,
        "CREATED",
        false);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\", \"%s:n\", \"%s:avg\", \"%s:top\", \"%s:low\", \"%s:sd\"]}"
            .formatted(SERVICE, VIEW, VIEW, VIEW, VIEW, VIEW, VIEW),
        1);
    Random random = new Random(1);
    for (int u = 0; u < USERS; u++) {
      String user = "user_" + u;
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < EVENTS_PER_USER; i++) {
        long time = NOW - 7 * DAY + (long) (random.nextDouble() * 7 * DAY);
        events.add(
            new Event(
                user,
                time,
                "e" + i,
                i,
                Map.of("user_id", user, "amount", random.nextInt(10_000) / 100.0, "ts", time)));
      }
      feed.produce(VIEW, 1, events);
    }
    feed.seal(VIEW, 1, NOW - 30 * MINUTE); // sealed in the store but the newest half hour
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
  }

  @Test
  void measuresSpineRowsPerSecond() throws Exception {
    StreamFeed.awaitCaughtUp(follower);
    Path dir = Files.createTempDirectory("tessera-training-bench");
    Path spine = dir.resolve("spine.csv");
    Random random = new Random(2);
    StringBuilder csv = new StringBuilder("user_id,timestamp\n");
    int rows = USERS * ROWS_PER_USER;
    for (int i = 0; i < rows; i++) {
      csv.append("user_").append(random.nextInt(USERS)).append(',');
      csv.append(NOW - (long) (random.nextDouble() * 7 * DAY)).append('\n');
    }
    Files.writeString(spine, csv);
    HttpClient http = HttpClient.newHttpClient();
    for (String format : List.of("parquet", "parquet", "csv")) { // the first run warms the JIT
      String body =
          JSON.writeValueAsString(
              Map.of(
                  "featureService",
                  SERVICE,
                  "spine",
                  Map.of("path", spine.toString()),
                  "output",
                  Map.of("path", dir.resolve("out." + format).toString(), "overwrite", true)));
      long start = System.nanoTime();
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/api/v1/training-data?wait=true"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode status = JSON.readTree(response.body());
      String location =
          "http://localhost:" + port + "/api/v1/training-data/" + status.get("id").asString();
      for (int i = 0; i < 6_000 && !isFinal(status); i++) { // at most 10 minutes
        Thread.sleep(100);
        status =
            JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(URI.create(location))
                            .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(status.get("state").asString()).as(status.toString()).isEqualTo("succeeded");
      System.out.printf(
          "TRAINING-BENCH %s: %d rows, %d users, %d events/user, 18 values/row: sweep %.0f rows/s,"
              + " end to end (validate, sweep, write) %.1f s = %.0f rows/s%n",
          format,
          rows,
          USERS,
          EVENTS_PER_USER,
          status.get("rowsPerSecond").asDouble(),
          seconds,
          rows / seconds);
    }
  }

  private static boolean isFinal(JsonNode status) {
    String state = status.get("state").asString();
    return !state.equals("queued") && !state.equals("running");
  }
}
