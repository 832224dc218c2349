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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training data on the real stack, from a follower (events sealed in the store by the owner, the
 * newest half hour open in memory): every value of a training row equals what {@code POST
 * /api/v1/features} answers for that entity with {@code at} = the row's timestamp (invariant 5),
 * for random rows including timestamps exactly on events and on window boundaries; CSV and Parquet
 * spines and outputs; cancellation; a bad spine's problems.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingDataIT {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long NOW = System.currentTimeMillis();
  private static final String VIEW = UniqueNames.of("trn");
  private static final String SERVICE = UniqueNames.of("trsvc");
  private static final List<String> USERS = List.of("u0", "u1", "u2", "u3");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ServingStack stack;
  private static StreamFeed feed;
  private static final List<Event> EVENTS = new ArrayList<>();

  @LocalServerPort private int port;
  @Autowired private PartitionFollower follower;
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

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
    stack = ServingStack.create("trd");
    feed = StreamFeed.on(stack);
    stack.publishView(
        """
            {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
             "schema": {"user_id": "string", "amount": "double", "merchant": "string", "ts": "long"},
             "eventTime": {"field": "ts", "format": "epoch_millis"},
             "features": [
               {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d", "7d"]},
               {"name": "n", "function": "count", "windows": ["1h", "lifetime"]},
               {"name": "avg", "function": "mean", "input": "amount", "windows": ["1d"]},
               {"name": "top", "function": "max", "input": "amount", "windows": ["1d"]},
               {"name": "recent", "function": "last_n", "input": "merchant", "params": {"n": 3},
                "windows": ["1h"]},
               {"name": "p90", "function": "approx_percentile", "input": "amount",
                "params": {"p": 0.9}, "windows": ["1d"]}],
             "expectedFreshness": "10m"}
            """
            .formatted(VIEW),
        1,
        "CREATED",
        false);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\", \"%s:n\", \"%s:avg\", \"%s:top\", \"%s:recent\", \"%s:p90\"]}"
            .formatted(SERVICE, VIEW, VIEW, VIEW, VIEW, VIEW, VIEW),
        1);
    Random random = new Random(11);
    for (String user : USERS) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        long time = NOW - 50 * HOUR + (long) (random.nextDouble() * 50 * HOUR);
        events.add(
            new Event(
                user,
                time,
                user + "-" + i,
                i,
                Map.of(
                    "user_id",
                    user,
                    "amount",
                    random.nextInt(10_000) / 100.0,
                    "merchant",
                    "m" + random.nextInt(20),
                    "ts",
                    time)));
      }
      EVENTS.addAll(events);
      feed.produce(VIEW, 1, events);
    }
    feed.seal(VIEW, 1, NOW - 25 * MINUTE); // the newest half hour stays open in memory
  }

  @AfterAll
  static void tearDown() {
    feed.close();
    stack.close();
  }

  @BeforeEach
  void followerCaughtUp() throws InterruptedException {
    StreamFeed.awaitCaughtUp(follower);
  }

  @Test
  void everyTrainingValueEqualsWhatServingAnswersAtThatTimestamp() throws Exception {
    Random random = new Random(5);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String user = i % 10 == 9 ? "u_nobody" : USERS.get(random.nextInt(USERS.size()));
      Event event = EVENTS.get(random.nextInt(EVENTS.size()));
      long t =
          switch (i % 5) {
            case 0 -> event.eventTimeMs(); // an event exactly at t is excluded
            case 1 -> event.eventTimeMs() + HOUR; // exactly on the 1h window's start: included
            case 2 -> Math.floorDiv(event.eventTimeMs(), HOUR) * HOUR; // a tile boundary
            case 3 -> event.eventTimeMs() + 1;
            default -> NOW - 55 * HOUR + (long) (random.nextDouble() * 56 * HOUR);
          };
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("user_id", i % 5 == 0 ? event.entityKey() : user);
      row.put("timestamp", Instant.ofEpochMilli(t).toString());
      row.put("label", i);
      rows.add(row);
    }
    List<Map<String, Object>> training =
        new TrainingParity(port)
            .assertTrainingEqualsServing(SERVICE, rows, dir.resolve("parity.parquet"));
    assertThat(training.stream().filter(row -> row.get(VIEW + ":spend:1d") != null).count())
        .as("rows with events in their day")
        .isGreaterThan(30);
  }

  @Test
  void csvSpineFileGivesCsvWithTheSpineColumnsThenTheFeaturesInSpineOrder() throws Exception {
    Path spine = dir.resolve("spine.csv");
    Event event = EVENTS.get(3);
    Files.writeString(
        spine,
        "user_id,ts,label\n"
            + event.entityKey()
            + ","
            + (event.eventTimeMs() + 1)
            + ",yes\n"
            + "u_nobody,"
            + NOW
            + ",no\n"
            + event.entityKey()
            + ","
            + event.eventTimeMs()
            + ",maybe\n");
    Path out = dir.resolve("out.csv");
    JsonNode job =
        submit(
            Map.of(
                "features",
                List.of(VIEW + ":n", VIEW + ":spend"),
                "spine",
                Map.of("path", spine.toUri().toString()),
                "timestampColumn",
                "ts",
                "output",
                Map.of("path", out.toString(), "format", "csv")),
            true);
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0))
        .isEqualTo(
            "user_id,ts,label,%s:n:1h,%s:n:lifetime,%s:spend:1h,%s:spend:1d,%s:spend:7d"
                .formatted(VIEW, VIEW, VIEW, VIEW, VIEW));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1))
        .startsWith(event.entityKey() + "," + (event.eventTimeMs() + 1) + ",yes,");
    assertThat(lines.get(2)).startsWith("u_nobody," + NOW + ",no,0,0,");
    assertThat(lines.get(3)).startsWith(event.entityKey() + "," + event.eventTimeMs() + ",maybe,");
  }

  @Test
  void parquetSpineGivesTypedParquet() throws Exception {
    Path spine = dir.resolve("spine.parquet");
    Event event = EVENTS.get(7);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT '%s' AS user_id, epoch_ms(%d::BIGINT) AS timestamp, 1.5 AS weight) TO '%s' (FORMAT parquet)"
              .formatted(event.entityKey(), event.eventTimeMs() + MINUTE, spine));
    }
    Path out = dir.resolve("out.parquet");
    JsonNode job =
        submit(
            Map.of(
                "featureService",
                SERVICE,
                "spine",
                Map.of("path", spine.toString()),
                "output",
                Map.of("path", out.toString())),
            true);
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                    + out
                    + "'))")) {
      Map<String, String> types = new LinkedHashMap<>();
      while (rs.next()) {
        types.put(rs.getString(1), rs.getString(2));
      }
      assertThat(types.get("weight")).startsWith("DECIMAL");
      assertThat(types.get(VIEW + ":spend:1h")).isEqualTo("DOUBLE");
      assertThat(types.get(VIEW + ":n:lifetime")).isEqualTo("BIGINT");
      assertThat(types.get(VIEW + ":recent:1h")).isEqualTo("VARCHAR[]");
    }
  }

  @Test
  void aRunningJobCanBeCancelledAndLeavesNoOutput() throws Exception {
    Path spine = dir.resolve("big.csv");
    StringBuilder csv = new StringBuilder("user_id,timestamp\n");
    for (int i = 0; i < 200_000; i++) {
      csv.append("nobody_").append(i % 40_000).append(',').append(NOW - i).append('\n');
    }
    Files.writeString(spine, csv);
    Path out = dir.resolve("cancelled.parquet");
    JsonNode job =
        submit(
            Map.of(
                "featureService",
                SERVICE,
                "spine",
                Map.of("path", spine.toString()),
                "output",
                Map.of("path", out.toString())),
            false);
    String id = job.get("id").asString();
    JsonNode cancelled = send("DELETE", "/api/v1/training-data/" + id, null, 200);
    assertThat(cancelled.get("id").asString()).isEqualTo(id);
    JsonNode status = null;
    for (int i = 0; i < 200; i++) {
      status = send("GET", "/api/v1/training-data/" + id, null, 200);
      if (!status.get("state").asString().equals("running")
          && !status.get("state").asString().equals("queued")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(status.get("state").asString()).isEqualTo("cancelled");
    assertThat(status.get("rowsDone").asLong()).isLessThan(200_000);
    assertThat(out).doesNotExist();
  }

  @Test
  void aBadSpineIsRefusedWithEveryProblem() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(Map.of("user_id", "u1", "timestamp", "2026-03-10T14:37:25.120Z"));
    rows.add(Map.of("user_id", "", "timestamp", "2026-03-10T14:37:25.120Z"));
    rows.add(Map.of("user_id", "u2", "timestamp", "yesterday"));
    JsonNode problem =
        send(
            "POST",
            "/api/v1/training-data",
            JSON.writeValueAsString(
                Map.of("featureService", SERVICE, "spine", Map.of("rows", rows))),
            400);
    assertThat(problem.get("title").asString()).isEqualTo("Invalid training-data request");
    assertThat(problem.get("errors").toString())
        .contains("row 2 has no value for 'user_id'")
        .contains("row 3 has timestamp 'yesterday'");

    JsonNode missing =
        send(
            "POST",
            "/api/v1/training-data",
            JSON.writeValueAsString(
                Map.of(
                    "featureService",
                    SERVICE,
                    "spine",
                    Map.of("rows", List.of(Map.of("customer", "c1", "at", 5))))),
            400);
    assertThat(missing.get("errors").toString())
        .contains("no column 'user_id'")
        .contains("no timestamp column 'timestamp'");
    send(
        "POST",
        "/api/v1/training-data",
        JSON.writeValueAsString(
            Map.of("featureService", "no_such_service", "spine", Map.of("rows", rows))),
        404);
  }

  private JsonNode submit(Map<String, Object> body, boolean wait) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/training-data?wait=" + wait))
                .header("Content-Type", "application/json")
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
    JsonNode status = JSON.readTree(response.body());
    assertThat(response.headers().firstValue("Location"))
        .hasValue("/api/v1/training-data/" + status.get("id").asString());
    return status;
  }

  private JsonNode send(String method, String path, String body, int expected) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    return JSON.readTree(response.body());
  }
}
