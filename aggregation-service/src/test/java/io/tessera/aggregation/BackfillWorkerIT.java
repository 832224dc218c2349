package io.tessera.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.aggregation.support.AggregationInstance;
import io.tessera.aggregation.support.AmountViews;
import io.tessera.aggregation.support.BackfillTopics;
import io.tessera.aggregation.support.FollowerOracle;
import io.tessera.aggregation.support.ParquetHistory;
import io.tessera.aggregation.support.StreamFixture;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.engine.event.EntityRef;
import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.TestApiKeys;
import io.tessera.testsupport.UniqueNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill worker on the real stack: views registered on the definitions topic as the registry
 * writes them, commands on a requests topic as the registry sends them, statuses and dead letters
 * read back from Kafka, rows from the real Cassandra store, compared with the brute-force oracle.
 */
@RealStackTest
class BackfillWorkerIT {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final int PARTITIONS = 2;
  private static final int ENTITIES = 6;

  private final AggregationInstance.Names names = AggregationInstance.Names.unique("bfw");
  private final SealedSchema schema = new SealedSchema(names.tablePrefix());
  private final Random random = new Random(17);
  @TempDir Path batchDirectory;

  @AfterEach
  void dropTables() {
    schema.drop(LocalStack.get().cqlSession());
  }

  private static String viewJson(String name, Path batchFile) {
    String json =
        AmountViews.withEventId(
            AmountViews.json(
                name,
                """
                {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d"]},
                {"name": "events", "function": "count", "windows": ["10m", "lifetime"]}""",
                "1d",
                "1h",
                "1m"));
    return batchFile == null ? json : AmountViews.withParquetSource(json, batchFile);
  }

  @Test
  void aStartBackfillsTheFileIntoTheStoreAsTheOracleSaysAndDeadLettersItsBadRows()
      throws Exception {
    String view = UniqueNames.of("backfilled");
    Path file = batchDirectory.toRealPath().resolve("history.parquet");
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS);
        BackfillTopics backfills = new BackfillTopics()) {
      stream.publishView(viewJson(view, file), 1);
      long nowMs = System.currentTimeMillis();
      long handOverMs = nowMs - Math.floorMod(nowMs, DAY); // a day's tiles, no delay
      List<NormalizedEvent> history = events(view, 400, handOverMs - 2 * DAY, handOverMs);
      history.add(history.get(3)); // a re-delivered row: counted once
      List<NormalizedEvent> streams = events(view, 20, handOverMs, handOverMs + HOUR);
      int withoutEntity = 7;
      List<NormalizedEvent> rows = new ArrayList<>(history);
      rows.addAll(streams);
      ParquetHistory.write(rows, withoutEntity, file);

      try (AggregationInstance service = start(backfills)) {
        BackfillCommand.Start start = start(view, 1);
        backfills.send(start);
        BackfillStatus done = backfills.awaitEnd(start.id(), Duration.ofSeconds(120));
        assertThat(done.state()).as("%s", done.error()).isEqualTo(BackfillState.COMPLETED);
        List<BackfillStatus> statuses = backfills.statusesOf(start.id());
        assertThat(statuses.get(0).state()).isEqualTo(BackfillState.RUNNING);
        assertThat(statuses).filteredOn(s -> s.state().isFinal()).containsExactly(done);
        assertThat(done.fromMs())
            .as("a lifetime window needs everything")
            .isEqualTo(Long.MIN_VALUE);
        assertThat(done.toMs()).isEqualTo(handOverMs);
        BackfillCounts counts = done.counts();
        assertThat(counts.rowsRead()).isEqualTo(rows.size() + withoutEntity);
        assertThat(counts.rowsRejected()).isEqualTo(withoutEntity);
        assertThat(counts.eventsRead()).isEqualTo(rows.size());
        assertThat(counts.outsideRange()).isEqualTo(streams.size());
        assertThat(counts.duplicates()).isEqualTo(1);
        assertThat(counts.eventsApplied()).isEqualTo(history.size() - 1);
        assertThat(counts.unitsDone()).isEqualTo(counts.unitsTotal()).isPositive();
        assertThat(done.worker()).isNotBlank();

        List<DeadLetter> letters = stream.deadLetters();
        assertThat(letters).hasSize(withoutEntity);
        assertThat(letters)
            .allSatisfy(
                letter -> {
                  assertThat(letter.reason()).isEqualTo("missing_entity");
                  assertThat(letter.view()).isEqualTo(view);
                  assertThat(letter.source().kind()).isEqualTo("batch");
                  assertThat(letter.source().name()).isEqualTo(file.toString());
                  assertThat(new String(letter.original(), StandardCharsets.UTF_8))
                      .startsWith("{")
                      .contains("\"id\":\"bad");
                });

        assertThat(
                oracleMismatches(
                    service,
                    view,
                    handOverMs,
                    history,
                    List.of(
                        handOverMs,
                        handOverMs - 1,
                        handOverMs - 5 * HOUR - 17 * MINUTE,
                        handOverMs - DAY - 30 * MINUTE,
                        nowMs)))
            .isEmpty();
        String scraped = metrics(service);
        String ofView = "\\{[^}]*view=\"" + view + "\"\\} ";
        assertThat(scraped)
            .containsPattern(
                "tessera_backfill_rows_read_total" + ofView + counts.rowsRead() + "\\.0")
            .containsPattern(
                "tessera_backfill_units_done_total" + ofView + counts.unitsDone() + "\\.0")
            .containsPattern("tessera_backfill_running" + ofView + "0\\.0");
      }
    }
  }

  /**
   * Two instances in the group: the start's tasks (one per normalized partition) reach both, each
   * scans the source for its partitions, and together they write what one would: the oracle's
   * values, every refused row dead-lettered once, the rows counted once.
   */
  @Test
  void twoInstancesShareOneBackfillsTasksAndWriteWhatTheOracleSays() throws Exception {
    String view = UniqueNames.of("shared");
    Path file = batchDirectory.toRealPath().resolve("shared.parquet");
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS);
        BackfillTopics backfills = new BackfillTopics()) {
      stream.publishView(viewJson(view, file), 1);
      long nowMs = System.currentTimeMillis();
      long handOverMs = nowMs - Math.floorMod(nowMs, DAY);
      List<NormalizedEvent> history = events(view, 400, handOverMs - 2 * DAY, handOverMs);
      int withoutEntity = 5;
      ParquetHistory.write(history, withoutEntity, file);

      try (AggregationInstance a =
              start(backfills, Map.of("tessera.aggregation.owner-id", "worker-a"));
          AggregationInstance b =
              start(backfills, Map.of("tessera.aggregation.owner-id", "worker-b"))) {
        awaitGroupOf(backfills, 2);
        BackfillCommand.Start start = start(view, 1);
        backfills.send(start);
        BackfillStatus done = backfills.awaitEnd(start.id(), Duration.ofSeconds(120));
        assertThat(done.state()).as("%s", done.error()).isEqualTo(BackfillState.COMPLETED);

        List<BackfillReport> completed =
            backfills.reportsOf(start.id()).stream()
                .filter(r -> r.state() == BackfillState.COMPLETED)
                .toList();
        assertThat(completed)
            .extracting(BackfillReport::worker)
            .containsOnly("worker-a", "worker-b")
            .contains("worker-a", "worker-b");
        assertThat(completed.stream().flatMap(r -> r.partitions().stream()))
            .containsExactlyInAnyOrder(0, 1);
        // each worker tombstones its scans' reports once the backfill has ended
        Set<String> scans =
            completed.stream().map(BackfillReport::scan).collect(Collectors.toSet());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> backfills.tombstonedScansOf(start.id()).containsAll(scans));
        BackfillCounts counts = done.counts();
        assertThat(counts.rowsRead()).isEqualTo(history.size() + withoutEntity);
        assertThat(counts.rowsRejected()).isEqualTo(withoutEntity);
        assertThat(counts.eventsRead()).isEqualTo(history.size());
        assertThat(counts.eventsApplied()).isEqualTo(history.size());
        assertThat(counts.unitsDone()).isEqualTo(counts.unitsTotal()).isPositive();
        assertThat(stream.deadLetters()).hasSize(withoutEntity);

        assertThat(
                oracleMismatches(
                    a,
                    view,
                    handOverMs,
                    history,
                    List.of(handOverMs, handOverMs - 7 * HOUR - 3 * MINUTE, nowMs)))
            .isEmpty();
      }
    }
  }

  /**
   * The worker scanning some of a backfill's partitions stops mid-scan: its tasks were never
   * committed, so they move with their partitions to the other worker, which scans them again; the
   * coordinator completes once every partition is written, with each counted once.
   */
  @Test
  void tasksOfAWorkerThatStopsMidScanAreScannedAgainByTheOther() throws Exception {
    String view = UniqueNames.of("moved");
    Path file = batchDirectory.toRealPath().resolve("moved.parquet");
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS);
        BackfillTopics backfills = new BackfillTopics()) {
      stream.publishView(viewJson(view, file), 1);
      long nowMs = System.currentTimeMillis();
      writeGenerated(20_000, 2_000, 10, nowMs - Math.floorMod(nowMs, DAY) - 10 * DAY, file);
      BackfillCommand.Start start = start(view, 1);
      try (AggregationInstance stays = start(backfills, oneUnitAtATime("stays"))) {
        try (AggregationInstance leaves = start(backfills, oneUnitAtATime("leaves"))) {
          awaitGroupOf(backfills, 2);
          backfills.send(start);
          awaitReport(
              backfills,
              start.id(),
              r -> r.worker().equals("leaves") && r.counts().unitsTotal() > 0);
        } // stopped while its scan seals: released, no end reported, its tasks not committed

        BackfillStatus done = backfills.awaitEnd(start.id(), Duration.ofSeconds(180));
        assertThat(done.state()).as("%s", done.error()).isEqualTo(BackfillState.COMPLETED);
        List<BackfillReport> reports = backfills.reportsOf(start.id());
        assertThat(reports)
            .filteredOn(r -> r.worker().equals("leaves"))
            .allSatisfy(r -> assertThat(r.state()).isEqualTo(BackfillState.RUNNING));
        assertThat(
                reports.stream()
                    .filter(r -> r.state() == BackfillState.COMPLETED)
                    .flatMap(r -> r.partitions().stream()))
            .containsExactlyInAnyOrder(0, 1);
        assertThat(done.counts().rowsRead()).isEqualTo(20_000);
        assertThat(done.counts().eventsRead()).isEqualTo(20_000);
        assertThat(done.counts().unitsDone()).isEqualTo(done.counts().unitsTotal());
      }
    }
  }

  private static BackfillReport awaitReport(
      BackfillTopics backfills, String id, Predicate<BackfillReport> until)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      for (BackfillReport report : backfills.reportsOf(id)) {
        if (until.test(report)) {
          return report;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no report of " + id + " as expected: " + backfills.reportsOf(id));
  }

  /**
   * What a follower of the view reads back from {@code service}'s store (and its empty stream) for
   * every entity at {@code timesMs}, against the brute-force oracle over {@code history}.
   */
  private List<String> oracleMismatches(
      AggregationInstance service,
      String view,
      long handOverMs,
      List<NormalizedEvent> history,
      List<Long> timesMs) {
    ViewCatalog catalog = service.bean(ViewCatalog.class);
    List<EntityRef> entities = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      entities.add(new EntityRef(view, EntityKeys.encode(List.of("u" + i))));
    }
    return FollowerOracle.mismatches(
        names.normalized(),
        PARTITIONS,
        catalog.lineages(),
        service.bean(CassandraSealedStore.class),
        catalog.runtime(view).orElseThrow().spec(),
        handOverMs - 3 * DAY,
        entities,
        history,
        timesMs);
  }

  /** Waits until the group's {@code members} workers each hold partitions of the requests. */
  private static void awaitGroupOf(BackfillTopics backfills, int members) throws Exception {
    String group =
        (String) backfills.properties().get("tessera.aggregation.backfill.consumer-group");
    try (Admin admin = Admin.create(LocalStack.get().kafkaProperties())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerGroupDescription described =
            admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        if (described.members().size() == members
            && described.members().stream()
                .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
          return;
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the group " + group + " did not get " + members + " members");
  }

  @Test
  void aCancelEndsARunningBackfillCancelledAndTheNextStartRuns() throws Exception {
    String big = UniqueNames.of("big");
    String streamOnly = UniqueNames.of("stream_only");
    Path file = batchDirectory.toRealPath().resolve("big.parquet");
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS);
        BackfillTopics backfills = new BackfillTopics()) {
      stream.publishView(viewJson(big, file), 1);
      stream.publishView(viewJson(streamOnly, null), 1);
      long nowMs = System.currentTimeMillis();
      writeGenerated(300_000, 20_000, 30, nowMs - Math.floorMod(nowMs, DAY) - 30 * DAY, file);

      // one unit at a time and a status every 200 ms: the cancel arrives long before the end
      Map<String, Object> overrides = new HashMap<>();
      overrides.put("tessera.aggregation.backfill.parallelism", 1);
      overrides.put("tessera.aggregation.backfill.status-interval", "200ms");
      try (AggregationInstance service = start(backfills, overrides)) {
        BackfillCommand.Start slow = start(big, 1);
        BackfillCommand.Start queued = start(streamOnly, 1);
        backfills.send(slow);
        backfills.send(queued); // another view: maybe another partition, maybe behind the slow one
        // cancelled while its units seal: the source is read, the units are planned
        backfills.awaitStatus(slow.id(), s -> s.counts().unitsTotal() > 0, Duration.ofSeconds(120));
        backfills.send(new BackfillCommand.Cancel(slow.id(), big, Instant.now()));

        BackfillStatus cancelled = backfills.awaitEnd(slow.id(), Duration.ofSeconds(60));
        assertThat(cancelled.state())
            .as("%s", cancelled.error())
            .isEqualTo(BackfillState.CANCELLED);
        BackfillCounts counts = cancelled.counts();
        assertThat(counts.rowsRead()).isEqualTo(300_000);
        assertThat(counts.unitsDone()).as("stopped before the end").isLessThan(counts.unitsTotal());
        assertThat(backfills.awaitEnd(queued.id(), Duration.ofSeconds(30)).state())
            .isEqualTo(BackfillState.COMPLETED);
      }
    }
  }

  @Test
  void aBackfillRunningWhenItsInstanceStopsIsRunAgainByTheNextOwner() throws Exception {
    String view = UniqueNames.of("handed_over");
    Path file = batchDirectory.toRealPath().resolve("handed_over.parquet");
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS);
        BackfillTopics backfills = new BackfillTopics()) {
      stream.publishView(viewJson(view, file), 1);
      long nowMs = System.currentTimeMillis();
      writeGenerated(20_000, 2_000, 10, nowMs - Math.floorMod(nowMs, DAY) - 10 * DAY, file);
      BackfillCommand.Start start = start(view, 1);
      try (AggregationInstance service = start(backfills, oneUnitAtATime("first"))) {
        backfills.send(start);
        backfills.awaitStatus(start.id(), s -> s.counts().unitsTotal() > 0, Duration.ofSeconds(60));
      } // stopped mid-backfill: released, its start not committed

      try (AggregationInstance next =
          start(backfills, Map.of("tessera.aggregation.owner-id", "next"))) {
        BackfillStatus done = backfills.awaitEnd(start.id(), Duration.ofSeconds(120));
        assertThat(done.state()).as("%s", done.error()).isEqualTo(BackfillState.COMPLETED);
        assertThat(done.worker()).isEqualTo("next");
        assertThat(done.counts().rowsRead()).isEqualTo(20_000);
        assertThat(done.counts().unitsDone()).isEqualTo(done.counts().unitsTotal());
        assertThat(backfills.statusesOf(start.id()))
            .as("the first instance handed it over without an end")
            .filteredOn(s -> s.state().isFinal())
            .containsExactly(done);
        assertThat(backfills.statusesOf(start.id()))
            .extracting(BackfillStatus::worker)
            .contains("first");
      }
    }
  }

  @Test
  void aVersionWithoutBatchSourceCompletesAtOnceAndAnUnknownVersionFails() throws Exception {
    String view = UniqueNames.of("stream_only");
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS);
        BackfillTopics backfills = new BackfillTopics()) {
      stream.publishView(viewJson(view, null), 1);
      try (AggregationInstance service =
          start(backfills, Map.of("tessera.aggregation.backfill.unknown-version-wait", "1s"))) {
        backfills.send("garbage".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
        BackfillCommand.Start noSource = start(view, 1);
        BackfillCommand.Start unknown = start(view, 9);
        backfills.send(noSource);
        backfills.send(unknown);

        BackfillStatus completed = backfills.awaitEnd(noSource.id(), Duration.ofSeconds(60));
        assertThat(completed.state()).isEqualTo(BackfillState.COMPLETED);
        assertThat(completed.counts()).isEqualTo(BackfillCounts.NONE);
        BackfillStatus failed = backfills.awaitEnd(unknown.id(), Duration.ofSeconds(60));
        assertThat(failed.state()).isEqualTo(BackfillState.FAILED);
        assertThat(failed.error()).contains("no version 9 of view '" + view + "'");
      }
    }
  }

  /** A worker named {@code ownerId} that seals one unit at a time and reports every 200 ms. */
  private static Map<String, Object> oneUnitAtATime(String ownerId) {
    return Map.of(
        "tessera.aggregation.backfill.parallelism",
        1,
        "tessera.aggregation.backfill.status-interval",
        "200ms",
        "tessera.aggregation.owner-id",
        ownerId);
  }

  private AggregationInstance start(BackfillTopics backfills) {
    return start(backfills, Map.of());
  }

  private AggregationInstance start(BackfillTopics backfills, Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>(backfills.properties());
    properties.put("tessera.batch.allowed-directories", batchDirectory.toString());
    properties.put("tessera.security.api-keys", TestApiKeys.CONFIGURED);
    properties.put("tessera.aggregation.backfill.spill-directory", batchDirectory.resolve("spill"));
    properties.putAll(overrides);
    return AggregationInstance.start(names, properties);
  }

  private static BackfillCommand.Start start(String view, int version) {
    return new BackfillCommand.Start(
        UniqueNames.of("bf"), view, version, null, null, "requested", Instant.now());
  }

  private List<NormalizedEvent> events(String view, int count, long fromMs, long toMs) {
    List<NormalizedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long timeMs = fromMs + (long) (random.nextDouble() * (toMs - fromMs));
      String user = "u" + random.nextInt(ENTITIES);
      String id = view + "-" + fromMs + "-" + i;
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("id", id);
      values.put("user_id", user);
      values.put("amount", Math.round(random.nextDouble() * 10_000) / 100.0);
      values.put("ts", timeMs);
      events.add(
          new NormalizedEvent(
              view, 1, EntityKeys.encode(List.of(user)), timeMs, id, timeMs, values));
    }
    return events;
  }

  /**
   * {@code rows} rows of {@code users} users spread over {@code days} days from {@code fromMs}:
   * with sparse users, nearly every row is a sealed minute of its own, slow to write on purpose.
   */
  private static void writeGenerated(int rows, int users, int days, long fromMs, Path file)
      throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(
          ("COPY (SELECT 'e' || i AS id, 'u' || (i %% %d) AS user_id, (i %% 1000) / 10.0 AS"
                  + " amount, CAST(%d + (i * 7919 * 997) %% %d AS BIGINT) AS ts FROM range(%d) t(i))"
                  + " TO '%s' (FORMAT parquet)")
              .formatted(users, fromMs, days * DAY, rows, file));
    }
  }

  private static String metrics(AggregationInstance service) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/actuator/prometheus"))
                    .header("Authorization", TestApiKeys.bearer(TestApiKeys.METRICS))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
