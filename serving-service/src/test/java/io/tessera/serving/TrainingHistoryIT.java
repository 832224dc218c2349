package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A training sweep over days of history: a week of each user's events went through the stream, so
 * the owner sealed them into minute rows and hour and day tiles, and the newest half hour is open
 * in the follower's memory. Every training value of a week's spine (times on events, on the 7d
 * window's start, on the oldest stored event, one millisecond after a day) equals a brute-force
 * oracle over the events the owner applied, de-duplicated by event id: windows up to 7d and
 * lifetime read through serving's own merge of sealed tiles and memory.
 *
 * <p>The view also names a batch source (a CSV file of older events, and copies of stored ones with
 * other values), complete up to a week before the registration, where the stream takes over (it
 * carries six days). Training reads what serving answers, and serving reads the sealed store, the
 * view's whole history: a batch source's events count once a backfill has written them there, so
 * the file adds nothing to any row (the oracle differs for many rows when it does).
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

  /** The events the stream carried, by user (some twice: redelivered). */
  private static final Map<String, List<Event>> STREAMED = new HashMap<>();

  /** The batch file's events the view's transformation accepts, by user: never counted here. */
  private static final Map<String, List<Event>> BATCH_ONLY = new HashMap<>();

  private static final Map<String, Long> STORE_FROM = new HashMap<>();
  private static ServingStack stack;
  private static StreamFeed feed;
  private static Path dir;

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
    stack = ServingStack.create("trh");
    feed = StreamFeed.on(stack);
    dir = Files.createTempDirectory("tessera-history");
    Path batchFile = dir.resolve("history.csv");
    Random random = new Random(17);
    StringBuilder csv = new StringBuilder("user_id,id,amount,kind,ts\n");
    for (String user : USERS) {
      List<Event> streamed = new ArrayList<>(); // the last six days, through the stream
      for (int i = 0; i < 200; i++) {
        long time = NOW - 6 * DAY + (long) (random.nextDouble() * 6 * DAY);
        streamed.add(accepted(user, user + "-s" + i, random.nextInt(100_000) / 100.0, time));
      }
      streamed.sort(Comparator.comparingLong(Event::eventTimeMs));
      for (int i = 0; i < 10; i++) { // redelivered: the owner counts each once
        streamed.add(streamed.get(random.nextInt(streamed.size())));
      }
      STREAMED.put(user, streamed);
      STORE_FROM.put(user, streamed.stream().mapToLong(Event::eventTimeMs).min().orElseThrow());
      List<Event> batchOnly = new ArrayList<>();
      for (int i = 0; i < 100; i++) { // older than the stream: in the file only
        long time = NOW - 9 * DAY + (long) (random.nextDouble() * 3 * DAY);
        double amount = random.nextInt(100_000) / 100.0;
        boolean refund = random.nextInt(5) == 0; // the view's filter drops refunds
        String id = user + "-b" + i;
        csv.append(row(user, id, String.valueOf(amount), refund ? "refund" : "sale", time));
        if (!refund) {
          batchOnly.add(accepted(user, id, amount, time));
        }
      }
      for (int i = 0; i < 10; i++) { // a stored id with another value: the stored event counts
        Event copy = streamed.get(i * 7);
        csv.append(row(user, copy.eventId(), "1.0", "sale", copy.eventTimeMs()));
      }
      BATCH_ONLY.put(user, batchOnly);
    }
    Files.writeString(batchFile, csv);
    stack.publishView(
        """
        {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
         "batchSource": {"type": "files", "format": "csv", "path": "%s", "delay": "7d"},
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
    for (String user : USERS) {
      feed.produce(VIEW, 1, STREAMED.get(user));
    }
    feed.seal(VIEW, 1, NOW - 25 * MINUTE); // the newest half hour stays open in memory
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
    feed.close();
    stack.close();
  }

  @BeforeEach
  void followerCaughtUp() throws InterruptedException {
    StreamFeed.awaitCaughtUp(follower);
  }

  @Test
  void windowsOverDaysOfSealedHistoryEqualTheOracleAndTheBatchSourceAddsNothing() throws Exception {
    Random random = new Random(3);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      String user = i % 15 == 14 ? "u_nobody" : USERS.get(random.nextInt(USERS.size()));
      List<Event> events = STREAMED.getOrDefault(user, STREAMED.get("u0"));
      Event event = events.get(random.nextInt(events.size()));
      long t =
          switch (i % 5) {
            case 0 -> event.eventTimeMs(); // an event exactly at t is excluded
            case 1 -> event.eventTimeMs() + 7 * DAY; // exactly on the 7d window's start
            case 2 -> STORE_FROM.get(USERS.get(i % USERS.size())); // the oldest stored event
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
    int batchWouldCount = 0;
    for (int r = 0; r < rows.size(); r++) {
      String[] cells = lines.get(r + 1).split(",", -1);
      String user = (String) rows.get(r).get("user_id");
      long t = Instant.parse((String) rows.get(r).get("timestamp")).toEpochMilli();
      assertThat(cells[0]).isEqualTo(user);
      List<Event> events = STREAMED.getOrDefault(user, List.of());
      Map<String, Object> expected = oracle(events, t);
      List<Event> withBatch = new ArrayList<>(events);
      withBatch.addAll(BATCH_ONLY.getOrDefault(user, List.of()));
      if (!oracle(withBatch, t).equals(expected)) {
        batchWouldCount++;
      }
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
    }
    assertThat(batchWouldCount).as("rows the batch file would change").isGreaterThan(30);
  }

  /** Brute force: every event in each window {@code [t - W, t)}, each id once. */
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
    long lifetime =
        events.stream()
            .filter(event -> event.eventTimeMs() < t)
            .map(Event::eventId)
            .distinct()
            .count();
    values.put("n:lifetime", lifetime);
    return values;
  }
}
