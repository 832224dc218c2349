package io.tessera.aggregation.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tessera.engine.open.OpenStateBudget;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The aggregation-service's meters (Prometheus names in {@code docs/aggregation.md}). Freshness is
 * measured per view from the normalized record's timestamp (the source time ingest carries over) to
 * the moment its pending and log rows are acknowledged, which is when serving can read it.
 */
public final class AggregationMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> events = new ConcurrentHashMap<>();
  private final Map<String, Timer> freshness = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> lagByPartition = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> watermarkByLineage = new ConcurrentHashMap<>();
  private final Timer compactionDelay;
  private final Timer appendWrite;
  private final Timer compactionWrite;

  public AggregationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.compactionDelay =
        Timer.builder("tessera.aggregation.compaction.delay")
            .description("from an entity's first new event to the compaction step that tiles it")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.appendWrite =
        Timer.builder("tessera.aggregation.write.latency")
            .tag("kind", "append")
            .description("one poll's appends (pending, then log) and dead letters, acknowledged")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    this.compactionWrite =
        Timer.builder("tessera.aggregation.write.latency")
            .tag("kind", "compaction")
            .description("one entity's compaction step: reads, tiles, metadata, pending deletion")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /** Counts an event by outcome: {@code applied}, {@code duplicate} or {@code too_late}. */
  public void event(String view, String outcome) {
    events
        .computeIfAbsent(
            view + '\0' + outcome,
            key ->
                Counter.builder("tessera.aggregation.events")
                    .tag("view", view)
                    .tag("outcome", outcome)
                    .register(registry))
        .increment();
  }

  public void freshness(String view, long millis) {
    freshness
        .computeIfAbsent(
            view,
            key ->
                Timer.builder("tessera.aggregation.freshness")
                    .tag("view", view)
                    .description("source timestamp to readable (pending and log rows written)")
                    .publishPercentiles(0.5, 0.9, 0.99)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(10))
                    .register(registry))
        .record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  public void compactionDelay(long millis) {
    compactionDelay.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  public void appendWrite(long nanos) {
    appendWrite.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void compactionWrite(long nanos) {
    compactionWrite.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void lag(int partition, long lag) {
    lagByPartition
        .computeIfAbsent(
            partition,
            p -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder("tessera.aggregation.partition.lag", value, AtomicLong::get)
                  .tag("partition", Integer.toString(p))
                  .register(registry);
              return value;
            })
        .set(lag);
  }

  /**
   * The lineage's watermark on this instance (the lowest over its partitions that have one): the
   * gauge is its lag behind the wall clock, how far the view's data is behind its sources.
   */
  public void watermark(String storageName, long watermarkMs) {
    watermarkByLineage
        .computeIfAbsent(
            storageName,
            view -> {
              AtomicLong value = new AtomicLong(watermarkMs);
              Gauge.builder(
                      "tessera.aggregation.watermark.lag",
                      value,
                      v -> (System.currentTimeMillis() - v.get()) / 1000.0)
                  .tag("view", view)
                  .baseUnit("seconds")
                  .description("wall clock minus the view's watermark (how far its data is behind)")
                  .register(registry);
              return value;
            })
        .set(watermarkMs);
  }

  /** Gauges read from the loop's state: pending backlog and entities in memory. */
  public void stateGauges(Supplier<Number> pendingBacklog, Supplier<Number> activeEntities) {
    // Strong references: the suppliers are lambdas nobody else holds, and a weakly held gauge
    // state is collected at the first GC (the gauge then reads NaN).
    Gauge.builder("tessera.aggregation.pending.backlog", pendingBacklog, s -> s.get().doubleValue())
        .description("appended events not yet in a tile")
        .strongReference(true)
        .register(registry);
    Gauge.builder("tessera.aggregation.entities", activeEntities, s -> s.get().doubleValue())
        .description("entities in memory (not yet settled)")
        .strongReference(true)
        .register(registry);
  }

  /**
   * The version-2 owner's open state (all owned partitions): its estimated heap, its budget and the
   * raw events spilled past it.
   */
  public void openStateGauges(OpenStateBudget budget) {
    Gauge.builder("tessera.aggregation.open.bytes", budget, OpenStateBudget::heldBytes)
        .description("estimated heap bytes of the open state (version-2 owner)")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("tessera.aggregation.open.budget", budget, OpenStateBudget::maxBytes)
        .description("the open state's heap budget; past it raw events spill to files")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("tessera.aggregation.open.spilled", budget, OpenStateBudget::spilledBytes)
        .description("bytes of raw events of open minutes in spill files")
        .baseUnit("bytes")
        .register(registry);
  }
}
