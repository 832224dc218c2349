package io.tessera.engine.bench;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.compaction.Compactor;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.function.FunctionParams;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The serving path in memory: head read, plan, tile and edge reads, decode, merge and finish of a
 * 7-day window over 8 days of events (one every 20 s, about 34,500), tiled 1d / 1h / 1m.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PlanAndMergeBenchmark {
  private static final EntityRef ENTITY = new EntityRef("payments", "user-1");
  private static final long T0_MS = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
  private static final WindowSpec SEVEN_DAYS = WindowSpec.ofSize(Duration.ofDays(7));

  private final InMemoryTileStore store = new InMemoryTileStore();
  private ViewReader reader;
  private long tMs;

  @Setup
  public void fillStore() {
    ViewSpec view =
        new ViewSpec(
            "payments",
            List.of(
                FeatureSpec.of(
                    "count",
                    AggregationKind.COUNT,
                    FunctionParams.NONE,
                    null,
                    null,
                    List.of(SEVEN_DAYS)),
                FeatureSpec.of(
                    "sum",
                    AggregationKind.SUM,
                    FunctionParams.NONE,
                    "amount",
                    ValueType.DOUBLE,
                    List.of(SEVEN_DAYS)),
                FeatureSpec.of(
                    "max",
                    AggregationKind.MAX,
                    FunctionParams.NONE,
                    "amount",
                    ValueType.DOUBLE,
                    List.of(SEVEN_DAYS)),
                FeatureSpec.of(
                    "stddev",
                    AggregationKind.STDDEV_SAMP,
                    FunctionParams.NONE,
                    "amount",
                    ValueType.DOUBLE,
                    List.of(SEVEN_DAYS)),
                FeatureSpec.of(
                    "last_5",
                    AggregationKind.LAST_N,
                    FunctionParams.ofN(5),
                    "merchant",
                    ValueType.STRING,
                    List.of(SEVEN_DAYS))),
            TileResolutions.DEFAULT);
    Compactor compactor = new Compactor(view);
    long endMs = T0_MS + 8 * 86_400_000L;
    long offset = 0;
    for (long time = T0_MS; time < endMs; time += 20_000) {
      store.append(
          ENTITY,
          new Event(
              "user-1",
              time,
              "e" + offset,
              offset,
              Map.of("amount", (offset % 997) * 0.13, "merchant", "m" + (offset % 40))));
      offset++;
      if (offset % 180 == 0) { // compact every hour of events, sealing what is older than 2 h
        compactor.step(store, ENTITY, time, time - 7_200_000L).apply(store, ENTITY);
      }
    }
    compactor.step(store, ENTITY, endMs, endMs - 7_200_000L).apply(store, ENTITY);
    reader = new ViewReader(view);
    tMs = endMs - 37 * 60_000L - 25_120L; // mid-minute, mid-hour: both raw edges and every level
  }

  @Benchmark
  public ViewValues planAndMergeASevenDayWindowFromTiles() {
    return reader.read(store, ENTITY, tMs);
  }
}
