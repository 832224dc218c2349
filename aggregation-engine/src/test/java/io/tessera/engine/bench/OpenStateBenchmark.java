package io.tessera.engine.bench;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.ApplyResult;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.ViewAggregator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a replica's engine spends per event of a stream in its steady state: the event applied to
 * one partition's open state (de-duplication included) and its share of the seals that follow, as
 * the watermark trails event time by the lateness. Events arrive in time order at {@code
 * eventsPerMinute} of event time, spread over {@code entities} with a Zipf-like skew (the
 * throughput benchmark's shape, one partition of it), with a duplicate every hundred events.
 * Sealing encodes the canonical tiles the owner writes; nothing here writes to a store.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OpenStateBenchmark {
  private static final long MINUTE = 60_000;
  private static final long LATENESS_MS = 2 * MINUTE;
  private static final long START_MS = 1_772_841_600_000L;
  private static final int PREPARED = 1 << 16;

  /** Entities of the partition the events fall on. */
  @Param("25000")
  public int entities;

  /** Events per minute of event time, on this partition: 30,000 events/s over four partitions. */
  @Param("450000")
  public int eventsPerMinute;

  private final ViewAggregator aggregator =
      new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT));
  private final Event[] prepared = new Event[PREPARED];
  private OpenState state;
  private long sequence;

  @Setup(Level.Trial)
  public void prepare() {
    SplittableRandom random = new SplittableRandom(7);
    String[] keys = new String[entities];
    for (int i = 0; i < entities; i++) {
      keys[i] = "user-" + i;
    }
    for (int i = 0; i < PREPARED; i++) {
      // rank r drawn with weight about 1/r: a few hot entities, a long tail
      int rank = (int) Math.min(entities - 1, Math.exp(random.nextDouble() * Math.log(entities)));
      Map<String, Object> values = new HashMap<>();
      values.put(TestView.LONG_COLUMN, (long) random.nextInt(1_000));
      values.put(TestView.DOUBLE_COLUMN, random.nextDouble() * 100);
      values.put(TestView.STRING_COLUMN, "c" + random.nextInt(50));
      prepared[i] = new Event(keys[rank], 0, "", 0, values);
    }
    state = OpenState.empty(aggregator, LATENESS_MS, "normalized", 0);
  }

  /**
   * One event applied; every thousandth also advances the watermark to its time minus the lateness,
   * sealing what that passes.
   */
  @Benchmark
  public ApplyResult applyOneEventAndItsShareOfTheSeals() {
    long n = sequence++;
    boolean duplicate = n % 100 == 99;
    long i = duplicate ? n - 50 : n; // redelivers an event applied fifty events ago
    Event template = prepared[(int) (i & (PREPARED - 1))];
    long timeMs = START_MS + i * MINUTE / eventsPerMinute;
    ApplyResult result =
        state.apply(new Event(template.entityKey(), timeMs, "e" + i, n, template.values()));
    if (n % 1_000 == 999) {
      state.advanceWatermark(timeMs - LATENESS_MS);
    }
    return result;
  }
}
