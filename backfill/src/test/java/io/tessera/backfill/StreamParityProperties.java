package io.tessera.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.open.SealWrites;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.Watermark;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.KeyPartitions;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Invariant 3 across the two writers of sealed history: the same random events (duplicates, events
 * exactly on minute, hour and day boundaries, several partitions) streamed through the owner's code
 * (a {@link PartitionState} per partition fed events and watermarks, its seals written by {@link
 * SealWrites}) and backfilled by {@link LineageBackfill} leave two stores holding the same sealed
 * rows with the same raw events, the same closed hour and day tiles, and the same manifests, byte
 * for byte, whatever the backfill's parallelism and memory budget.
 */
class StreamParityProperties {
  private static final long MINUTE = TestView.MINUTE_MS;
  private static final long HOUR = TestView.HOUR_MS;
  private static final long DAY = TestView.DAY_MS;
  private static final long FROM_MS = 1_780_000_000_000L / DAY * DAY;
  private static final int DAYS = 2;
  private static final long HAND_OVER_MS = FROM_MS + DAYS * DAY;
  private static final int PARTITIONS = 3;
  private static final String TOPIC = "normalized";
  private static final ViewSpec VIEW = TestView.allFunctions(TileResolutions.DEFAULT);
  private static final Lineage LINEAGE =
      new Lineage(VIEW.name(), VIEW.name(), 1, new ViewAggregator(VIEW), MINUTE);
  private static final Path SPILL =
      Path.of(System.getProperty("java.io.tmpdir"), "tessera-backfill-properties");

  @Property(tries = 30)
  void backfilledHistoryIsByteForByteTheStreamedHistory(@ForAll long seed) {
    Random random = new Random(seed);
    List<NormalizedEvent> events = events(random);
    InMemorySealedStore streamed = new InMemorySealedStore();
    InMemorySealedStore backfilled = new InMemorySealedStore();

    stream(events, streamed, random);
    OpenStateBudget budget =
        random.nextBoolean()
            ? OpenStateBudget.unbounded()
            : OpenStateBudget.of(1 + random.nextInt(20_000), SPILL);
    LineageBackfill backfill =
        new LineageBackfill(
            LINEAGE,
            TOPIC,
            PARTITIONS,
            backfilled,
            new LineageBackfill.Settings(SPILL, 1 + random.nextInt(4), budget));
    // One run, or scans of disjoint sets of partitions (as workers sharing a backfill's tasks run
    // them), each reading every event: together they must write what one run writes.
    int scans = 1 + random.nextInt(PARTITIONS);
    int[] scanOf = new int[PARTITIONS];
    for (int partition = 0; partition < PARTITIONS; partition++) {
      scanOf[partition] = partition < scans ? partition : random.nextInt(scans);
    }
    List<BackfillCounts> counts = new ArrayList<>();
    for (int scan = 0; scan < scans; scan++) {
      int written = scan;
      BackfillProgress progress = new BackfillProgress();
      try (LineageBackfill.Run run =
          backfill.open(
              FROM_MS,
              HAND_OVER_MS,
              partition -> scanOf[partition] == written,
              progress,
              new Cancellation())) {
        events.forEach(run::accept);
        run.seal();
      }
      counts.add(progress.snapshot());
    }

    Tiling tiling = new Tiling(VIEW.resolutions());
    TreeSet<String> entities = new TreeSet<>();
    events.forEach(e -> entities.add(e.entityKey()));
    for (String entity : entities) {
      EntityRef ref = new EntityRef(VIEW.name(), entity);
      for (int level = 0; level < tiling.levels(); level++) {
        long resolutionMs = tiling.resolutionMs(level);
        assertThat(read(backfilled.readTiles(ref, resolutionMs, FROM_MS, HAND_OVER_MS)))
            .as("%s tiles of %d ms", entity, resolutionMs)
            .isEqualTo(read(streamed.readTiles(ref, resolutionMs, FROM_MS, HAND_OVER_MS)))
            .isNotEmpty();
      }
      assertThat(read(backfilled.readEvents(ref, FROM_MS, HAND_OVER_MS)))
          .as("%s sealed events", entity)
          .isEqualTo(read(streamed.readEvents(ref, FROM_MS, HAND_OVER_MS)));
    }
    for (int partition = 0; partition < PARTITIONS; partition++) {
      for (int level = 0; level < tiling.levels(); level++) {
        long resolutionMs = tiling.resolutionMs(level);
        assertThat(manifests(backfilled, partition, resolutionMs))
            .as("manifests of partition %d, %d ms", partition, resolutionMs)
            .isEqualTo(manifests(streamed, partition, resolutionMs));
      }
    }
    long unitsTotal = counts.stream().mapToLong(BackfillCounts::unitsTotal).sum();
    assertThat(counts.stream().mapToLong(BackfillCounts::unitsDone).sum())
        .isEqualTo(unitsTotal)
        .isPositive();
    assertThat(counts.stream().mapToLong(BackfillCounts::eventsRead).sum())
        .isEqualTo(events.size());
    assertThat(counts.stream().mapToLong(c -> c.eventsApplied() + c.duplicates()).sum())
        .isEqualTo(events.size());
  }

  /**
   * The owner's path: each partition's records (events in event-time chunks, shuffled within a
   * chunk, each chunk followed by its watermark, the last one past the hand-over) applied by a
   * {@link PartitionState}, every seal written before the next record.
   */
  private static void stream(
      List<NormalizedEvent> events, InMemorySealedStore store, Random random) {
    List<NormalizedEvent> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparingLong(NormalizedEvent::eventTimeMs));
    Map<Integer, List<byte[]>> logs = new HashMap<>();
    for (int from = 0; from < ordered.size(); from += 40) {
      List<NormalizedEvent> chunk =
          new ArrayList<>(ordered.subList(from, Math.min(ordered.size(), from + 40)));
      Collections.shuffle(chunk, random);
      for (NormalizedEvent event : chunk) {
        logs.computeIfAbsent(partition(event), p -> new ArrayList<>())
            .add(NormalizedRecordCodec.encode(event));
      }
      long newest = ordered.get(Math.min(ordered.size(), from + 40) - 1).eventTimeMs();
      appendWatermark(logs, newest);
    }
    appendWatermark(logs, HAND_OVER_MS + LINEAGE.latenessMs());
    logs.forEach(
        (partition, log) -> {
          PartitionState state =
              PartitionState.start(
                  TOPIC,
                  partition,
                  Role.OWNER,
                  (view, version) -> Optional.of(LINEAGE),
                  RecordLimits.DEFAULT,
                  30_000,
                  Optional.empty(),
                  OpenStateBudget.unbounded());
          SealWrites writes = new SealWrites(LINEAGE.aggregator(), TOPIC, partition, store);
          for (int offset = 0; offset < log.size(); offset++) {
            RecordOutcome outcome = state.apply(offset, log.get(offset));
            assertThat(outcome).isNotInstanceOf(RecordOutcome.TooLate.class);
            if (outcome instanceof RecordOutcome.Sealed sealed) {
              writes.write(sealed.result()).join();
            }
          }
        });
  }

  private static void appendWatermark(Map<Integer, List<byte[]>> logs, long watermarkMs) {
    for (int partition = 0; partition < PARTITIONS; partition++) {
      logs.computeIfAbsent(partition, p -> new ArrayList<>())
          .add(
              NormalizedRecordCodec.encode(
                  new Watermark(VIEW.name(), 1, "ingest-1", watermarkMs, watermarkMs)));
    }
  }

  private static int partition(NormalizedEvent event) {
    return KeyPartitions.of(event.view(), event.entityKey(), PARTITIONS);
  }

  /**
   * Events over the range's two days: random times, a share exactly on minute, hour and day
   * boundaries, and exact re-deliveries of earlier events.
   */
  private static List<NormalizedEvent> events(Random random) {
    int count = 50 + random.nextInt(400);
    int entities = 1 + random.nextInt(12);
    List<NormalizedEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!events.isEmpty() && random.nextInt(10) == 0) {
        events.add(events.get(random.nextInt(events.size())));
        continue;
      }
      long timeMs =
          switch (random.nextInt(6)) {
            case 0 -> FROM_MS + random.nextInt(DAYS * 24 * 60) * MINUTE;
            case 1 -> FROM_MS + random.nextInt(DAYS * 24) * HOUR;
            case 2 -> FROM_MS + random.nextInt(DAYS) * DAY + (random.nextBoolean() ? 0 : -1 + DAY);
            default -> FROM_MS + (long) (random.nextDouble() * DAYS * DAY);
          };
      Map<String, Object> values = new LinkedHashMap<>();
      values.put(TestView.LONG_COLUMN, (long) random.nextInt(100));
      values.put(TestView.DOUBLE_COLUMN, random.nextInt(10_000) / 100.0);
      values.put(TestView.STRING_COLUMN, "c" + random.nextInt(5));
      values.put("unused", "dropped by the projection");
      events.add(
          new NormalizedEvent(
              VIEW.name(), 1, "u" + random.nextInt(entities), timeMs, "e" + i, timeMs, values));
    }
    return events;
  }

  private static List<SealedManifest> manifests(
      InMemorySealedStore store, int partition, long resolutionMs) {
    return read(
        store.readManifests(VIEW.name(), TOPIC, partition, resolutionMs, FROM_MS, HAND_OVER_MS));
  }

  private static <T> T read(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
