package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.Event;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * History older than the store comes from the view's batch source: a CSV file holds each user's old
 * events (some the view's filter drops, one that does not parse, some also in the store under the
 * same id), the store holds the recent ones (tiles and pending). Every training value equals a
 * brute-force oracle over the events of both, de-duplicated by event id, as the view's
 * transformation would have accepted them.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingHistoryIT {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long NOW = System.currentTimeMillis();
  private static final String VIEW = UniqueNames.of("trh");
  private static final List<String> USERS = List.of("u0", "u1", "u2");
  private static final Map<String, Long> WINDOWS = Map.of("1h", HOUR, "1d", DAY, "7d", 7 * DAY);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the view accepted, by user: stored events and the batch events older than the store. */
  private static final Map<String, List<Event>> ACCEPTED = new HashMap<>();

  private static final Map<String, Long> STORE_FROM = new HashMap<>();
  private static ServingStack stack;
  private static Path dir;

  @LocalServerPort private int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    setUp();
    stack.register(registry);
    ServingStack.allowTrainingFiles(registry, System.getProperty("java.io.tmpdir"));
  }

  static synchronized void setUp() throws Exception {
    if (stack != null) {
      return;
    }
    stack = ServingStack.create("trh");
    dir = Files.createTempDirectory("tessera-history");
    Path batchFile = dir.resolve("history.csv");
    Random random = new Random(17);
    Map<String, List<Event>> stored = new HashMap<>();
    StringBuilder csv = new StringBuilder("user_id,id,amount,kind,ts\n");
    for (String user : USERS) {
      List<Event> recent = new ArrayList<>(); // the last 50 hours: in the store
      for (int i = 0; i < 120; i++) {
        long time = NOW - 50 * HOUR + (long) (random.nextDouble() * 50 * HOUR);
        recent.add(
            accepted(user, user + "-s" + i, random.nextInt(100_000) / 100.0, time).atOffset(i));
      }
      stored.put(user, recent);
      STORE_FROM.put(user, recent.stream().mapToLong(Event::eventTimeMs).min().orElseThrow());
      List<Event> accepted = new ArrayList<>(recent);
      for (int i = 0; i < 150; i++) { // six days back to the store's first event: in the file only
        long time = NOW - 6 * DAY + (long) (random.nextDouble() * (6 * DAY - 52 * HOUR));
        double amount = random.nextInt(100_000) / 100.0;
        boolean refund = random.nextInt(5) == 0; // the view's filter drops refunds
        String id = user + "-b" + i;
        csv.append(row(user, id, String.valueOf(amount), refund ? "refund" : "sale", time));
        if (!refund) {
          accepted.add(accepted(user, id, amount, time));
        }
      }
      // also in the store (a backfill or the stream had them): they count once, as stored
      for (int i = 0; i < 10; i++) {
        Event copy = recent.get(i);
        csv.append(row(user, copy.eventId(), "1.0", "sale", copy.eventTimeMs()));
      }
      Event early = recent.get(10); // the same id, older in the file: the store's copy counts
      csv.append(row(user, early.eventId(), "5.0", "sale", NOW - 3 * DAY));
      csv.append(row(user, user + "-bad", "not a number", "sale", NOW - 4 * DAY)); // rejected
      ACCEPTED.put(user, accepted);
    }
    Files.writeString(batchFile, csv);
    FeatureView view =
        stack.publishView(
            """
            {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
             "batchSource": {"type": "files", "format": "csv", "path": "%s"},
             "schema": {"user_id": "string", "id": "string", "amount": "double",
                        "kind": "string", "ts": "long"},
             "eventTime": {"field": "ts", "format": "epoch_millis"},
             "eventId": "id",
             "transformation": {"filter": "kind != 'refund'",
                                "derived": {"cents": "int(amount * 100.0)"}},
             "features": [
               {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d", "7d"]},
               {"name": "n", "function": "count", "windows": ["1d", "7d", "lifetime"]},
               {"name": "top", "function": "max", "input": "cents", "windows": ["7d"]}],
             "expectedFreshness": "10m"}
            """
                .formatted(VIEW, batchFile),
            1,
            "CREATED",
            false);
    long closed = Math.floorDiv(NOW, MINUTE) * MINUTE - 2 * MINUTE;
    for (String user : USERS) {
      stack.write(view, VIEW, user, stored.get(user), closed, closed - 30 * MINUTE);
    }
  }

  private static String row(String user, String id, String amount, String kind, long time) {
    return String.join(",", user, id, amount, kind, String.valueOf(time)) + "\n";
  }

  /** An event as the view's transformation emits it: payload columns and the derived cents. */
  private static Event accepted(String user, String id, double amount, long time) {
    return new Event(
        user,
        time,
        id,
        0,
        Map.of(
            "user_id",
            user,
            "id",
            id,
            "amount",
            amount,
            "kind",
            "sale",
            "ts",
            time,
            "cents",
            (long) (amount * 100.0)));
  }

  @AfterAll
  static void tearDown() {
    stack.close();
  }

  @Test
  void windowsReachingBeforeTheStoreAddTheBatchSourcesEventsOnceEach() throws Exception {
    Random random = new Random(3);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String user = i % 15 == 14 ? "u_nobody" : USERS.get(random.nextInt(USERS.size()));
      List<Event> events = ACCEPTED.getOrDefault(user, ACCEPTED.get("u0"));
      Event event = events.get(random.nextInt(events.size()));
      long t =
          switch (i % 5) {
            case 0 -> event.eventTimeMs(); // an event exactly at t is excluded
            case 1 -> event.eventTimeMs() + 7 * DAY; // exactly on the 7d window's start
            case 2 -> STORE_FROM.get(USERS.get(i % USERS.size())); // the store's first event
            case 3 -> event.eventTimeMs() + DAY + 1;
            default -> NOW - 7 * DAY + (long) (random.nextDouble() * 7 * DAY);
          };
      Map<String, Object> row = new LinkedHashMap<>(); // spine column order: user_id first
      row.put("user_id", user);
      row.put("timestamp", Instant.ofEpochMilli(t).toString());
      rows.add(row);
    }
    Path out = dir.resolve("history-" + UniqueNames.of("out") + ".csv");
    String body =
        JSON.writeValueAsString(
            Map.of(
                "features",
                List.of(VIEW + ":spend", VIEW + ":n", VIEW + ":top"),
                "spine",
                Map.of("rows", rows),
                "output",
                Map.of("path", out.toString(), "format", "csv")));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/training-data?wait=true"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TestApiKeys.bearer(TestApiKeys.ADMIN))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode job = JSON.readTree(response.body());
    assertThat(job.get("state").asString()).as(response.body()).isEqualTo("succeeded");

    List<String> lines = Files.readAllLines(out);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    assertThat(lines).hasSize(rows.size() + 1);
    int fromBatch = 0;
    for (int r = 0; r < rows.size(); r++) {
      String[] cells = lines.get(r + 1).split(",", -1);
      String user = (String) rows.get(r).get("user_id");
      long t = Instant.parse((String) rows.get(r).get("timestamp")).toEpochMilli();
      assertThat(cells[0]).isEqualTo(user);
      List<Event> events = ACCEPTED.getOrDefault(user, List.of());
      Map<String, Object> expected = oracle(events, t);
      for (Map.Entry<String, Object> value : expected.entrySet()) {
        String cell = cells[header.indexOf(VIEW + ":" + value.getKey())];
        String what = "row %d (%s at %s) %s".formatted(r, user, Instant.ofEpochMilli(t), value);
        if (value.getValue() == null) {
          assertThat(cell).as(what).isEmpty();
        } else if (value.getValue() instanceof Double sum) {
          assertThat(Double.parseDouble(cell)).as(what).isCloseTo(sum, within(1e-9 * (1 + sum)));
        } else {
          assertThat(Long.parseLong(cell)).as(what).isEqualTo(value.getValue());
        }
      }
      if (!user.equals("u_nobody") && t - 7 * DAY < STORE_FROM.get(user)) {
        fromBatch++;
      }
    }
    assertThat(fromBatch).as("rows whose 7d window reaches before the store").isGreaterThan(50);
  }

  /** Brute force: every accepted event in each window {@code [t - W, t)}. */
  private static Map<String, Object> oracle(List<Event> events, long t) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, Long> window : WINDOWS.entrySet()) {
      double spend = 0;
      long count = 0;
      Long top = null;
      Set<String> seen = new HashSet<>();
      for (Event event : events) {
        long time = event.eventTimeMs();
        if (time >= t - window.getValue() && time < t && seen.add(event.eventId())) {
          spend += (Double) event.value("amount");
          count++;
          long cents = (Long) event.value("cents");
          top = top == null ? cents : Math.max(top, cents);
        }
      }
      values.put("spend:" + window.getKey(), count == 0 ? null : spend); // sum of nothing: null
      if (!window.getKey().equals("1h")) {
        values.put("n:" + window.getKey(), count);
      }
      if (window.getKey().equals("7d")) {
        values.put("top:7d", top);
      }
    }
    long lifetime = events.stream().filter(event -> event.eventTimeMs() < t).count();
    values.put("n:lifetime", lifetime);
    return values;
  }
}
