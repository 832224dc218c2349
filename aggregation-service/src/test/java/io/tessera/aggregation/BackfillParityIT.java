package io.tessera.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.aggregation.support.AggregationInstance;
import io.tessera.aggregation.support.AmountViews;
import io.tessera.aggregation.support.FollowerOracle;
import io.tessera.aggregation.support.ParquetHistory;
import io.tessera.aggregation.support.StreamFixture;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.backfill.BackfillProgress;
import io.tessera.backfill.Cancellation;
import io.tessera.backfill.LineageBackfill;
import io.tessera.backfill.SourceBackfill;
import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.batch.access.JdbcCredentials;
import io.tessera.definitions.json.DefinitionJson;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedSchema;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfill and stream on the real stack (issue 13's parity and hand-over). Two views differ only in
 * name and in that one has a batch source. The same random history (duplicates, events exactly on
 * minute, hour and day boundaries) is streamed into the first through Kafka and the real owner, and
 * backfilled into the second by {@link LineageBackfill}, up to the second lineage's stream start
 * (the start of the UTC day it was registered: its batch source has no delay). The second view's
 * stream also carries the last six hours of that history again (the source's retained history,
 * overlapping the batch) and both get live events after the start. Then: the sealed rows, raw
 * events and hour and day tiles of the history are byte for byte the same in both lineages, and a
 * follower serves both views the brute-force oracle's values, so the overlap counts once and
 * nothing is missed.
 */
@RealStackTest
class BackfillParityIT {
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final int ENTITIES = 8;
  private static final int PARTITIONS = 2;

  private final String streamed = UniqueNames.of("streamed");
  private final String backfilled = UniqueNames.of("backfilled");
  private final AggregationInstance.Names names = AggregationInstance.Names.unique("bf");
  private final SealedSchema schema = new SealedSchema(names.tablePrefix());
  @TempDir Path batchDirectory;
  private final Random random = new Random(13);
  private int nextId;

  private static String viewJson(String name, Path batchFile) {
    String json =
        AmountViews.json(
            name,
            """
            {"name": "spend", "function": "sum", "input": "amount", "windows": ["1h", "1d"]},
            {"name": "events", "function": "count", "windows": ["10m", "lifetime"]},
            {"name": "last3", "function": "last_n", "params": {"n": 3}, "input": "amount", "windows": ["7d"]}""",
            "1d",
            "1h",
            "1m");
    json = AmountViews.withEventId(json);
    return batchFile == null ? json : AmountViews.withParquetSource(json, batchFile);
  }

  @AfterEach
  void dropTables() {
    schema.drop(LocalStack.get().cqlSession());
  }

  @Test
  void backfilledHistoryIsTheStreamedHistoryAndTheHandOverCountsEveryEventOnce() throws Exception {
    try (StreamFixture stream = new StreamFixture(names, PARTITIONS)) {
      Path batchFile = batchDirectory.toRealPath().resolve("history.parquet");
      stream.publishView(viewJson(streamed, null), 1);
      stream.publishView(viewJson(backfilled, batchFile), 1);
      AggregationInstance service = AggregationInstance.start(names);
      try {
        ViewCatalog catalog = service.bean(ViewCatalog.class);
        Lineage lineage = catalog.lineages().of(backfilled, 1).orElseThrow();
        long handOverMs = lineage.streamFromMs();
        long nowMs = System.currentTimeMillis();
        assertThat(handOverMs).isEqualTo(nowMs - Math.floorMod(nowMs, DAY));
        long fromMs = handOverMs - 2 * DAY;

        List<NormalizedEvent> history = history(fromMs, handOverMs);
        List<NormalizedEvent> live =
            nowMs - handOverMs > 2_000 ? events(60, handOverMs, nowMs - 1_000) : List.of();
        List<NormalizedEvent> retained = new ArrayList<>();
        for (NormalizedEvent event : history) {
          // the stream's retained history, also in the batch source: from mid-minute, as a
          // retention cut falls, so a stream writing before its start would lose a row's head
          if (event.eventTimeMs() >= handOverMs - 6 * HOUR + 17_500) {
            retained.add(event);
          }
        }

        List<NormalizedEvent> streamedEvents = new ArrayList<>(history);
        streamedEvents.addAll(live);
        produceInEventTimeOrder(stream, streamed, streamedEvents, nowMs);
        List<NormalizedEvent> backfilledStream = new ArrayList<>(retained);
        backfilledStream.addAll(live);
        produceInEventTimeOrder(stream, backfilled, backfilledStream, nowMs);

        CassandraSealedStore store =
            new CassandraSealedStore(
                LocalStack.get().cqlSession(), schema, catalog::finestMs, ViewRetention.FOREVER);
        BackfillProgress progress = new BackfillProgress();
        LineageBackfill backfill =
            new LineageBackfill(
                lineage,
                names.normalized(),
                PARTITIONS,
                store,
                new LineageBackfill.Settings(
                    Path.of(System.getProperty("java.io.tmpdir"), "tessera-backfill-it"),
                    2,
                    OpenStateBudget.unbounded()));
        ParquetHistory.write(history, 0, batchFile);
        new SourceBackfill(backfill, access(batchDirectory), RecordLimits.DEFAULT)
            .run(
                DefinitionJson.readView(viewJson(backfilled, batchFile)).orThrow(),
                1,
                fromMs,
                handOverMs,
                progress,
                row -> {
                  throw new AssertionError("a valid row refused: " + row);
                },
                new Cancellation());
        assertThat(progress.snapshot().rowsRead()).isEqualTo(history.size());
        assertThat(progress.snapshot().unitsDone()).isEqualTo(progress.snapshot().unitsTotal());

        List<Long> times =
            List.of(
                nowMs,
                handOverMs,
                handOverMs - 1,
                handOverMs + 1,
                handOverMs - 3 * HOUR - 17 * MINUTE,
                fromMs + DAY + 30 * MINUTE,
                nowMs + MINUTE);
        ViewSpec streamedSpec = catalog.runtime(streamed).orElseThrow().spec();
        ViewSpec backfilledSpec = catalog.runtime(backfilled).orElseThrow().spec();
        List<NormalizedEvent> backfilledAccepted = new ArrayList<>();
        history.forEach(e -> backfilledAccepted.add(renamed(e, backfilled)));
        backfilledAccepted.addAll(retained);
        backfilledAccepted.addAll(live);
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(2))
            .untilAsserted(
                () -> {
                  List<String> mismatches = new ArrayList<>();
                  for (ViewSpec spec : List.of(streamedSpec, backfilledSpec)) {
                    boolean isStreamed = spec == streamedSpec;
                    mismatches.addAll(
                        FollowerOracle.mismatches(
                            names.normalized(),
                            PARTITIONS,
                            catalog.lineages(),
                            store,
                            spec,
                            fromMs,
                            entities(isStreamed ? streamed : backfilled),
                            isStreamed ? streamedEvents : backfilledAccepted,
                            times));
                  }
                  assertThat(mismatches).isEmpty();
                });

        Tiling tiling = new Tiling(backfilledSpec.resolutions());
        for (int i = 0; i < ENTITIES; i++) {
          String entity = EntityKeys.encode(List.of("u" + i));
          EntityRef fromStream = new EntityRef(streamed, entity);
          EntityRef fromBatch = new EntityRef(backfilled, entity);
          for (int level = 0; level < tiling.levels(); level++) {
            long resolutionMs = tiling.resolutionMs(level);
            assertThat(read(store.readTiles(fromBatch, resolutionMs, fromMs, handOverMs)))
                .as("%s tiles of %d ms", entity, resolutionMs)
                .isEqualTo(read(store.readTiles(fromStream, resolutionMs, fromMs, handOverMs)))
                .isNotEmpty();
          }
          assertThat(read(store.readEvents(fromBatch, fromMs, handOverMs)))
              .as("%s sealed events", entity)
              .isEqualTo(read(store.readEvents(fromStream, fromMs, handOverMs)));
        }
        assertThat(stream.deadLetters()).as("nothing too late, nothing lost").isEmpty();
      } finally {
        service.close();
      }
    }
  }

  /**
   * Produces the view's events as ingest reads a retained topic, in event-time chunks each followed
   * by its watermark (shuffled within a chunk), then the watermark of a source read up.
   */
  private void produceInEventTimeOrder(
      StreamFixture stream, String view, List<NormalizedEvent> events, long nowMs) {
    List<NormalizedEvent> ordered = new ArrayList<>();
    events.forEach(e -> ordered.add(renamed(e, view)));
    ordered.sort(Comparator.comparingLong(NormalizedEvent::eventTimeMs));
    for (int from = 0; from < ordered.size(); from += 100) {
      List<NormalizedEvent> chunk =
          new ArrayList<>(ordered.subList(from, Math.min(ordered.size(), from + 100)));
      long newest = chunk.get(chunk.size() - 1).eventTimeMs();
      Collections.shuffle(chunk, random);
      stream.produce(chunk);
      stream.publishWatermark(view, 1, newest);
    }
    stream.publishWatermark(view, 1, nowMs);
  }

  /** Two days of history: random times, a share on boundaries, a tenth re-delivered. */
  private List<NormalizedEvent> history(long fromMs, long toMs) {
    List<NormalizedEvent> events = events(1_200, fromMs, toMs);
    for (long atMs : List.of(toMs - 6 * HOUR + 5_000, toMs - 6 * HOUR + 30_000)) {
      for (int i = 0; i < ENTITIES; i++) {
        events.add(event(streamed, "u" + i, atMs)); // both sides of the retention cut's minute
      }
    }
    for (int i = 0; i < 150; i++) {
      long timeMs =
          switch (i % 3) {
            case 0 -> fromMs + random.nextInt(2 * 24 * 60) * MINUTE;
            case 1 -> fromMs + random.nextInt(2 * 24) * HOUR;
            default -> toMs - 1 - random.nextInt(2) * DAY;
          };
      events.add(event(streamed, "u" + random.nextInt(ENTITIES), timeMs));
    }
    for (int i = 0; i < 120; i++) {
      events.add(events.get(random.nextInt(events.size()))); // re-delivered: counts once
    }
    return events;
  }

  private List<NormalizedEvent> events(int count, long fromMs, long toMs) {
    List<NormalizedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long timeMs = fromMs + (long) (random.nextDouble() * (toMs - fromMs));
      events.add(event(streamed, "u" + random.nextInt(ENTITIES), timeMs));
    }
    return events;
  }

  private NormalizedEvent event(String view, String user, long timeMs) {
    String id = "e" + nextId++;
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", id);
    values.put("user_id", user);
    values.put("amount", Math.round(random.nextDouble() * 10_000) / 100.0);
    values.put("ts", timeMs);
    return new NormalizedEvent(
        view, 1, EntityKeys.encode(List.of(user)), timeMs, id, timeMs, values);
  }

  private static BatchSourceAccess access(Path directory) throws Exception {
    return new BatchSourceAccess(
        ConfinedDirectories.of("batch-source", "batch", List.of(directory.toRealPath())),
        new JdbcAllowList("jdbc-urls", List.of()),
        JdbcCredentials.none(),
        new DuckDbSandbox(128L * 1024 * 1024));
  }

  private static NormalizedEvent renamed(NormalizedEvent event, String view) {
    return new NormalizedEvent(
        view,
        event.viewVersion(),
        event.entityKey(),
        event.eventTimeMs(),
        event.eventId(),
        event.sourceTimeMs(),
        event.values());
  }

  private List<EntityRef> entities(String view) {
    List<EntityRef> refs = new ArrayList<>();
    for (int i = 0; i < ENTITIES; i++) {
      refs.add(new EntityRef(view, EntityKeys.encode(List.of("u" + i))));
    }
    return refs;
  }

  private static <T> T read(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
