package io.tessera.serving.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.compaction.Compactor;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.function.FunctionParams;
import io.tessera.engine.plan.AsyncViewReader;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweep's snapshot path (one load per entity, every tile decoded once, the engine's reader over
 * the decoded copy at each spine time) equals the engine's per-row read against the store, value
 * for value and bit for bit, for random events (some compacted into sealed or open tiles, some
 * still pending, some late) and spine times on events, on window edges and on tile boundaries.
 */
class SnapshotSweepTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long T0 = Instant.parse("2026-03-07T00:00:00Z").toEpochMilli();
  private static final long SPAN = 3 * DAY;
  private static final List<WindowSpec> WINDOWS =
      List.of(
          WindowSpec.ofSize(Duration.ofSeconds(90)),
          WindowSpec.ofSize(Duration.ofHours(1)),
          WindowSpec.ofSize(Duration.ofHours(25)),
          WindowSpec.ofSize(Duration.ofDays(2)),
          WindowSpec.lifetime());
  private static final ViewSpec VIEW =
      new ViewSpec(
          "sweep",
          List.of(
              feature("n", AggregationKind.COUNT, FunctionParams.NONE, null, null),
              feature(
                  "spend", AggregationKind.SUM, FunctionParams.NONE, "amount", ValueType.DOUBLE),
              feature("avg", AggregationKind.MEAN, FunctionParams.NONE, "amount", ValueType.DOUBLE),
              feature(
                  "sd",
                  AggregationKind.STDDEV_POP,
                  FunctionParams.NONE,
                  "amount",
                  ValueType.DOUBLE),
              feature("top", AggregationKind.MAX, FunctionParams.NONE, "amount", ValueType.DOUBLE),
              feature(
                  "recent",
                  AggregationKind.LAST_N,
                  FunctionParams.ofN(3),
                  "shop",
                  ValueType.STRING),
              feature(
                  "p90",
                  AggregationKind.APPROX_PERCENTILE,
                  FunctionParams.ofP(0.9),
                  "amount",
                  ValueType.DOUBLE)),
          TileResolutions.DEFAULT);

  static Stream<Long> seeds() {
    return IntStream.range(0, 40).mapToObj(i -> 7919L * i + 1);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void snapshotReadsEqualPerRowReadsOfTheStore(long seed) {
    Random random = new Random(seed);
    InMemoryTileStore store = new InMemoryTileStore();
    EntityRef ref = new EntityRef(VIEW.name(), "u1");
    List<Event> events = writeEvents(random, store, ref);

    long[] times = spineTimes(random, events);
    AsyncTileReads reads = AsyncTileReads.of(store);
    EntitySnapshot snapshot =
        new SnapshotLoader(reads, Runnable::run)
            .load(VIEW, ref, times)
            .toCompletableFuture()
            .join();
    AsyncViewReader reader = new AsyncViewReader(VIEW);
    for (long t : times) {
      ViewValues perRow = reader.read(reads, ref, t).toCompletableFuture().join();
      ViewValues swept = reader.read(snapshot, t);
      assertThat(swept.values())
          .as("seed %d, t = %s", seed, Instant.ofEpochMilli(t))
          .isEqualTo(perRow.values());
      assertThat(swept.newestEventTimesMs()).isEqualTo(perRow.newestEventTimesMs());
    }
  }

  /**
   * Events over {@link #SPAN}, written in arrival batches with a compaction step after each (tiles
   * closed up to the batch's clock, sealed an hour earlier); the last batch stays pending.
   */
  private static List<Event> writeEvents(Random random, InMemoryTileStore store, EntityRef ref) {
    int count = 20 + random.nextInt(400);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long time = T0 + (long) (random.nextDouble() * SPAN);
      if (random.nextInt(8) == 0) {
        time = Math.floorDiv(time, MINUTE) * MINUTE; // exactly on a tile boundary
      }
      events.add(
          new Event(
              "u1",
              time,
              "e" + i,
              0,
              Map.of("amount", random.nextInt(100_000) / 100.0, "shop", "s" + random.nextInt(9))));
    }
    events.sort((a, b) -> Long.compare(a.eventTimeMs(), b.eventTimeMs()));
    Compactor compactor = new Compactor(VIEW);
    long offset = 0;
    int batch = 1 + random.nextInt(40);
    for (int i = 0; i < events.size(); i++) {
      Event event = events.get(i);
      // now and then an event arrives late, after later ones were compacted
      Event arriving = random.nextInt(10) == 0 && i > 0 ? events.get(random.nextInt(i)) : event;
      store.append(ref, arriving.atOffset(offset++));
      if (arriving != event) {
        store.append(ref, event.atOffset(offset++));
      }
      boolean last = i == events.size() - 1;
      if (!last && i % batch == batch - 1) {
        long clock = event.eventTimeMs() + random.nextInt((int) MINUTE);
        long closed = Math.floorDiv(clock, MINUTE) * MINUTE;
        compactor.step(store, ref, closed, closed - HOUR).apply(store, ref);
      }
    }
    return events;
  }

  /** Ascending times: on events, a window length after them, tile boundaries, and random. */
  private static long[] spineTimes(Random random, List<Event> events) {
    int n = 30 + random.nextInt(100);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long eventTime = events.get(random.nextInt(events.size())).eventTimeMs();
      WindowSpec window = WINDOWS.get(random.nextInt(WINDOWS.size() - 1));
      times[i] =
          switch (random.nextInt(6)) {
            case 0 -> eventTime;
            case 1 -> eventTime + 1;
            case 2 -> eventTime + window.sizeMs();
            case 3 -> Math.floorDiv(eventTime, HOUR) * HOUR;
            case 4 -> Math.floorDiv(eventTime, DAY) * DAY + window.sizeMs();
            default -> T0 - HOUR + (long) (random.nextDouble() * (SPAN + DAY));
          };
    }
    Arrays.sort(times);
    return times;
  }

  private static FeatureSpec feature(
      String name, AggregationKind kind, FunctionParams params, String column, ValueType type) {
    return FeatureSpec.of(name, kind, params, column, type, WINDOWS);
  }
}
