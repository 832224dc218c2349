package io.tessera.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.serving.follow.FollowerReadiness;
import io.tessera.serving.follow.PartitionFollower;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.FinestResolution;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serving as a follower on the real stack. The test plays ingest (normalized events and watermarks
 * on a 3-partition topic) and the aggregation owner ({@link TestOwner}: sealed rows, manifests,
 * coarse roll-ups in Cassandra, seal markers, checkpoints); serving follows the topic from the
 * checkpoints. REST answers for every entity at many times (at and around seal points, window
 * starts there, past and present) equal the brute-force oracle over the events the owner applied:
 * sealed events only in the store (before the checkpoint), sealed ones the follower still holds in
 * memory (no marker yet), and open ones. A second instance started later catches up from the newer
 * checkpoint and answers identically.
 */
@RealStackTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FollowerIT {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long NOW = Math.floorDiv(System.currentTimeMillis(), MINUTE) * MINUTE;
  private static final long SEAL_1 = NOW - 31 * MINUTE; // watermark NOW-30m, lateness 1m
  private static final long SEAL_2 = NOW - 6 * MINUTE; // watermark NOW-5m
  private static final String VIEW = UniqueNames.of("fol");
  private static final String SERVICE = UniqueNames.of("folsvc");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7");
  private static final List<Object[]> READINESS = new CopyOnWriteArrayList<>();

  private static ServingStack stack;
  private static NormalizedTopic topic;
  private static TestOwner owner;
  private static ViewSpec spec;
  private static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

  @LocalServerPort private int port;
  @Autowired private PartitionFollower follower;
  @Autowired private ApplicationAvailability availability;
  @Autowired private MeterRegistry meters;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Records each readiness change with whether the follower had caught up then. */
  @TestConfiguration
  static class ReadinessRecorder {
    @Bean
    ApplicationListener<AvailabilityChangeEvent<ReadinessState>> readinessRecorder(
        ObjectProvider<PartitionFollower> follower) {
      return event ->
          READINESS.add(
              new Object[] {
                event.getState(),
                follower.getIfAvailable() != null && follower.getIfAvailable().caughtUp(),
                event.getSource().getClass()
              });
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    setUp();
    stack.register(registry);
    ServingStack.allowTrainingFiles(registry, System.getProperty("java.io.tmpdir"));
    PROPERTIES.put("spring.cassandra.keyspace-name", LocalStack.TEST_KEYSPACE);
    PROPERTIES.put("tessera.serving.registry-topic", stack.registryTopic);
    PROPERTIES.put("tessera.serving.backfill-status-topic", stack.backfillTopic);
    PROPERTIES.put("tessera.serving.table-prefix", stack.tablePrefix);
    PROPERTIES.put("tessera.serving.grpc-port", "0");
    PROPERTIES.put("tessera.security.api-keys", TestApiKeys.CONFIGURED);
    PROPERTIES.put("tessera.serving.follower.normalized-topic", topic.name);
    registry.add("tessera.serving.follower.normalized-topic", () -> topic.name);
  }

  static synchronized void setUp() throws Exception {
    if (stack != null) {
      return;
    }
    stack = ServingStack.create("fol");
    FeatureView view =
        stack.publishView(
            """
            {"name": "%s", "entity": ["user_id"], "source": {"type": "kafka", "topic": "tx"},
             "schema": {"user_id": "string", "amount": "double", "ts": "long"},
             "eventTime": {"field": "ts", "format": "epoch_millis"},
             "features": [
               {"name": "spend", "function": "sum", "input": "amount",
                "windows": ["1h", "1d", "lifetime"], "default": 0.0},
               {"name": "n", "function": "count", "windows": ["10m", "1h"]}],
             "allowedLateness": "1m", "expectedFreshness": "7d"}
            """
                .formatted(VIEW),
            1,
            "CREATED",
            false);
    spec = ViewSpecs.of(view, VIEW);
    stack.publishService(
        "{\"name\": \"%s\", \"features\": [\"%s:spend\", \"%s:n\"]}".formatted(SERVICE, VIEW, VIEW),
        1);
    topic = new NormalizedTopic(UniqueNames.of("folnorm"), 3);
    SealedSchema schema = new SealedSchema(stack.tablePrefix);
    schema.create(LocalStack.get().cqlSession());
    CassandraSealedStore store =
        new CassandraSealedStore(
            LocalStack.get().cqlSession(), schema, FinestResolution.MINUTES, ViewRetention.FOREVER);
    owner =
        new TestOwner(
            topic,
            new Lineage(VIEW, VIEW, 1, new ViewAggregator(spec), view.allowedLatenessMs()),
            store);

    Random random = new Random(7);
    List<NormalizedEvent> history = new ArrayList<>();
    for (int i = 0; i < 320; i++) {
      long timeMs = NOW - 50 * HOUR + (long) (random.nextDouble() * (50 * HOUR - 40 * MINUTE));
      history.add(event(USERS.get(i % USERS.size()), timeMs, "h" + i, random));
    }
    history.add(history.get(5)); // a redelivery counts once
    topic.produce(history);
    topic.watermark(VIEW, 1, NOW - 30 * MINUTE); // seals before SEAL_1
    owner.catchUp();
    List<NormalizedEvent> open = new ArrayList<>();
    for (String user : USERS) {
      open.add(event(user, SEAL_1, "at-seal-" + user, random)); // open: at the seal point
      open.add(event(user, SEAL_1 - 1, "late-" + user, random)); // too late: never counts
      for (int i = 0; i < 8; i++) {
        long timeMs = SEAL_1 + 1 + (long) (random.nextDouble() * 29 * MINUTE);
        open.add(event(user, timeMs, "o-" + user + "-" + i, random));
      }
    }
    topic.produce(open);
    owner.catchUp(); // applies the open events and the markers; checkpoints after them
  }

  private static NormalizedEvent event(String user, long timeMs, String id, Random random) {
    double amount = random.nextInt(10_000) / 100.0;
    return new NormalizedEvent(
        VIEW,
        1,
        EntityKeys.encode(List.of(user)),
        timeMs,
        id,
        timeMs,
        Map.of("user_id", user, "amount", amount, "ts", timeMs));
  }

  @AfterAll
  static void tearDown() {
    owner.close();
    topic.close();
    stack.close();
  }

  @Test
  void followsTheTopicAndAnswersLikeTheOracleAcrossSealsMarkersAndARestart() throws Exception {
    await(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
    assertThat(READINESS)
        .as("readiness refused traffic while the follower was behind")
        .anyMatch(r -> r[0] == ReadinessState.REFUSING_TRAFFIC && r[1] == Boolean.FALSE);
    assertThat(READINESS.get(READINESS.size() - 1))
        .as("the last word: accepting, once caught up")
        .containsExactly(
            ReadinessState.ACCEPTING_TRAFFIC, true, READINESS.get(READINESS.size() - 1)[2]);
    assertThat(READINESS)
        .filteredOn(
            r -> r[0] == ReadinessState.ACCEPTING_TRAFFIC && r[2] == FollowerReadiness.class)
        .isNotEmpty()
        .allMatch(r -> r[1] == Boolean.TRUE);
    JsonNode health = get(port, "/actuator/health").get("components").get("follower");
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(health.get("details").get("caughtUp").asBoolean()).isTrue();

    // history sealed before the checkpoint is only in the store; the rest open in memory
    assertLikeTheOracle(port, times(SEAL_1));

    // stale says the pipeline is behind, not that an entity is quiet: the view's watermark (NOW -
    // 30 min) is within its expected freshness (7 d) of NOW, not of a time 8 days ahead
    assertThat(statuses(values(port, NOW))).containsOnly("present");
    assertThat(statuses(values(port, NOW + 8 * 24 * HOUR))).containsOnly("stale");

    // a watermark the owner has not written yet: the follower keeps those minutes in memory
    topic.watermark(VIEW, 1, NOW - 5 * MINUTE);
    await(
        () ->
            allPartitions(p -> follower.partition(p).get().watermarkMs(VIEW) == NOW - 5 * MINUTE));
    assertLikeTheOracle(port, times(SEAL_2));
    // freshness you can watch: this instance's watermark of the view, behind the wall clock
    await(
        () -> {
          Gauge lag = meters.find("tessera.serving.watermark.lag").tag("view", VIEW).gauge();
          double behindNowS = (System.currentTimeMillis() - NOW) / 1000.0;
          return lag != null
              && lag.value() >= behindNowS + 299 // NOW - 5 min on every partition
              && lag.value() <= behindNowS + 305;
        });

    // the owner writes them and marks them durable; the follower reads them from the store once
    // the next marker comes (the node may still be absorbing the first one's write burst)
    owner.catchUp();
    Map<Integer, Long> marked = Map.copyOf(owner.markedBeforeMs());
    assertThat(marked.values()).contains(SEAL_2);
    Random random = new Random(11);
    List<NormalizedEvent> next = new ArrayList<>();
    for (String user : USERS) { // a row to seal in every partition the owner marked
      next.add(event(user, NOW - 5 * MINUTE + 1, "next-" + user, random));
    }
    topic.produce(next);
    topic.watermark(VIEW, 1, NOW - 3 * MINUTE);
    owner.catchUp();
    await(
        () ->
            marked.entrySet().stream()
                .allMatch(
                    e ->
                        follower.partition(e.getKey()).get().durable(VIEW).sealedBeforeMs()
                            == e.getValue()));
    assertLikeTheOracle(port, times(SEAL_2));

    // a restarted instance catches up from the newer checkpoint and answers the same
    owner.catchUp();
    List<String> args = new ArrayList<>();
    PROPERTIES.forEach((name, value) -> args.add("--" + name + "=" + value));
    args.add("--server.port=0");
    try (ConfigurableApplicationContext restarted =
        new SpringApplicationBuilder(ServingApplication.class).run(args.toArray(String[]::new))) {
      ApplicationAvailability restartedAvailability =
          restarted.getBean(ApplicationAvailability.class);
      await(() -> restartedAvailability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
      int restartedPort =
          Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port"));
      for (long tMs : times(SEAL_2)) {
        assertThat(values(restartedPort, tMs)).as("at %d", tMs).isEqualTo(values(port, tMs));
      }
      assertLikeTheOracle(restartedPort, times(SEAL_2));
    }
  }

  @Test
  void trainingDataEqualsWhatServingAnswersAtEachRowsTimestamp(@TempDir Path dir) throws Exception {
    await(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Long> times = new ArrayList<>(times(SEAL_1));
    times.addAll(times(SEAL_2));
    for (int i = 0; i < times.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("user_id", i % 7 == 6 ? "u_nobody" : USERS.get(i % USERS.size()));
      row.put("timestamp", java.time.Instant.ofEpochMilli(times.get(i)).toString());
      rows.add(row);
    }
    List<Map<String, Object>> training =
        new TrainingParity(port)
            .assertTrainingEqualsServing(SERVICE, rows, dir.resolve("training.parquet"));
    assertThat(training.stream().filter(row -> row.get(VIEW + ":n:1h") != null).count())
        .as("rows with events in their hour")
        .isPositive();
  }

  /** Request times where reads go wrong first, around {@code sealMs} and elsewhere. */
  private static List<Long> times(long sealMs) {
    return List.of(
        NOW,
        NOW + 20 * MINUTE,
        sealMs,
        sealMs - 1,
        sealMs + 1,
        sealMs + HOUR, // the 1h window starts at the seal point
        sealMs + HOUR + 1,
        sealMs + 10 * MINUTE - 1,
        SEAL_1 - 7 * MINUTE,
        NOW - 3 * HOUR - 17_123,
        NOW - 25 * HOUR,
        NOW - 49 * HOUR);
  }

  private void assertLikeTheOracle(int servingPort, List<Long> times) throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (long tMs : times) {
      JsonNode results = values(servingPort, tMs);
      for (int i = 0; i < USERS.size(); i++) {
        String entity = EntityKeys.encode(List.of(USERS.get(i)));
        mismatches.addAll(
            OracleValues.mismatches(
                spec, owner.applied(), entity, tMs, results.get(i).get("values")));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  /** The results of one batch request for every user at {@code tMs}. */
  private JsonNode values(int servingPort, long tMs) throws Exception {
    StringBuilder entities = new StringBuilder();
    for (String user : USERS) {
      entities.append(entities.isEmpty() ? "" : ", ").append("{\"user_id\": \"" + user + "\"}");
    }
    String body =
        "{\"features\": [\"%s:spend\", \"%s:n\"], \"entities\": [%s], \"at\": \"%s\"}"
            .formatted(VIEW, VIEW, entities, Instant.ofEpochMilli(tMs));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + servingPort + "/api/v1/features"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestApiKeys.bearer(TestApiKeys.READ))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(response.body()).get("results");
    for (JsonNode result : results) {
      for (JsonNode value : result.get("values")) {
        assertThat(value.get("status").asString()).as(value.toString()).isNotEqualTo("unavailable");
      }
    }
    return results;
  }

  private static Set<String> statuses(JsonNode results) {
    Set<String> statuses = new TreeSet<>();
    results.forEach(
        result -> result.get("values").forEach(v -> statuses.add(v.get("status").asString())));
    return statuses;
  }

  private JsonNode get(int servingPort, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + servingPort + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private boolean allPartitions(java.util.function.IntPredicate check) {
    for (int p = 0; p < topic.partitions; p++) {
      if (follower.partition(p).isEmpty() || !check.test(p)) {
        return false;
      }
    }
    return true;
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
