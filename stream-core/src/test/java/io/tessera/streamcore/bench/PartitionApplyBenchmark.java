package io.tessera.streamcore.bench;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.function.FunctionParams;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.Watermark;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * What a replica (owner or follower: the same code) spends per record of its partition in a steady
 * stream: the normalized record decoded, its lineage found, the event projected and applied
 * (de-duplication included), and its share of the seals of the watermark records that follow, all
 * through {@link PartitionState#apply}. The view and the payload are the throughput benchmark's
 * ({@code benchmarks/.../PipelineView}): six payload columns, six features (count, sum, mean, max,
 * approx_count_distinct, last). Events arrive in time order at {@code eventsPerMinute} of event
 * time over {@code entities} with a Zipf-like skew, a duplicate every hundred events, a watermark
 * record every thousand.
 *
 * <p>Each record is encoded in the measured method (its bytes would come from the consumer): {@link
 * #encodeOneRecord} measures that part alone, to subtract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PartitionApplyBenchmark {
  private static final String VIEW = "bench";
  private static final long MINUTE = 60_000;
  private static final long LATENESS_MS = 2 * MINUTE;
  private static final long START_MS = 1_772_841_600_000L;
  private static final int PREPARED = 1 << 16;

  /** Entities of the partition the events fall on: 100,000 over four partitions. */
  @Param("25000")
  public int entities;

  /** Events per minute of event time, on this partition: 30,000 events/s over four partitions. */
  @Param("450000")
  public int eventsPerMinute;

  private final String[] keys = new String[PREPARED];
  private final Map<String, Object>[] payloads = newPayloads();
  private PartitionState state;
  private long sequence;

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] newPayloads() {
    return new Map[PREPARED];
  }

  @Setup(Level.Trial)
  public void prepare() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < PREPARED; i++) {
      // rank r drawn with weight about 1/r: a few hot entities, a long tail
      int rank = (int) Math.min(entities - 1, Math.exp(random.nextDouble() * Math.log(entities)));
      keys[i] = "user-" + rank;
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("user_id", keys[i]);
      payload.put("amount", (long) random.nextInt(1_000));
      payload.put("price", random.nextDouble() * 100);
      payload.put("category", "c" + random.nextInt(50));
      payloads[i] = payload;
    }
    ViewAggregator aggregator = new ViewAggregator(pipelineView());
    Lineage lineage = new Lineage(VIEW, VIEW, 1, aggregator, LATENESS_MS);
    Optional<Lineage> found = Optional.of(lineage);
    state =
        PartitionState.start(
            "normalized",
            0,
            Role.FOLLOWER,
            (view, version) -> view.equals(VIEW) ? found : Optional.empty(),
            RecordLimits.DEFAULT,
            30_000,
            Optional.empty(),
            OpenStateBudget.unbounded());
  }

  /** One record decoded and applied: an event, or every thousandth a watermark record. */
  @Benchmark
  public RecordOutcome decodeAndApplyOneRecord() {
    long n = sequence++;
    return state.apply(n, record(n));
  }

  /** The part of {@link #decodeAndApplyOneRecord} that only makes the record's bytes. */
  @Benchmark
  public byte[] encodeOneRecord() {
    return record(sequence++);
  }

  private byte[] record(long n) {
    if (n % 1_000 == 999) {
      long timeMs = START_MS + n * MINUTE / eventsPerMinute;
      return NormalizedRecordCodec.encode(new Watermark(VIEW, 1, "ingest", timeMs, timeMs));
    }
    boolean duplicate = n % 100 == 98;
    long i = duplicate ? n - 50 : n; // redelivers an event applied fifty records ago
    int template = (int) (i & (PREPARED - 1));
    long timeMs = START_MS + i * MINUTE / eventsPerMinute;
    Map<String, Object> values = new LinkedHashMap<>(payloads[template]);
    String id = "e" + i;
    values.put("txn_id", id);
    values.put("ts", timeMs);
    return NormalizedRecordCodec.encode(
        new NormalizedEvent(VIEW, 1, keys[template], timeMs, id, timeMs, values));
  }

  /** The throughput benchmark's view ({@code PipelineView}), as the engine sees it. */
  private static ViewSpec pipelineView() {
    List<WindowSpec> hour = List.of(WindowSpec.ofSize(Duration.ofHours(1)));
    List<WindowSpec> day = List.of(WindowSpec.ofSize(Duration.ofDays(1)));
    return new ViewSpec(
        VIEW,
        List.of(
            FeatureSpec.of(
                "events",
                AggregationKind.COUNT,
                FunctionParams.NONE,
                null,
                null,
                List.of(
                    WindowSpec.ofSize(Duration.ofMinutes(1)),
                    WindowSpec.ofSize(Duration.ofHours(1)),
                    WindowSpec.ofSize(Duration.ofDays(1)),
                    WindowSpec.lifetime())),
            FeatureSpec.of(
                "amount_sum",
                AggregationKind.SUM,
                FunctionParams.NONE,
                "amount",
                ValueType.LONG,
                List.of(
                    WindowSpec.ofSize(Duration.ofHours(1)), WindowSpec.ofSize(Duration.ofDays(1)))),
            FeatureSpec.of(
                "price_mean",
                AggregationKind.MEAN,
                FunctionParams.NONE,
                "price",
                ValueType.DOUBLE,
                hour),
            FeatureSpec.of(
                "price_max",
                AggregationKind.MAX,
                FunctionParams.NONE,
                "price",
                ValueType.DOUBLE,
                day),
            FeatureSpec.of(
                "categories",
                AggregationKind.APPROX_COUNT_DISTINCT,
                FunctionParams.NONE,
                "category",
                ValueType.STRING,
                day),
            FeatureSpec.of(
                "last_category",
                AggregationKind.LAST,
                FunctionParams.NONE,
                "category",
                ValueType.STRING,
                hour)),
        TileResolutions.DEFAULT);
  }
}
