package io.tessera.serving.follow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.engine.open.OpenStateBudget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToDoubleFunction;

/**
 * What a follower tells about itself: per partition its lag and position, per outcome the records
 * it applied, per lineage its watermark (and, as a gauge, how far the wall clock is ahead of it),
 * and its open state's memory. The loop writes; gauges, health and the serving-version decision
 * read, from any thread.
 */
final class FollowerMeters {
  private final MeterRegistry meters;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> watermarkByLineage = new ConcurrentHashMap<>();
  private volatile AtomicLongArray lags = new AtomicLongArray(0);
  private volatile AtomicLongArray positions = new AtomicLongArray(0);

  <T> FollowerMeters(
      MeterRegistry meters, OpenStateBudget budget, T follower, ToDoubleFunction<T> openBytes) {
    this.meters = meters;
    Gauge.builder("tessera.serving.open.bytes", follower, openBytes)
        .description("estimated heap bytes of the followed partitions' open state")
        .baseUnit("bytes")
        .register(meters);
    Gauge.builder("tessera.serving.open.budget", budget, OpenStateBudget::maxBytes)
        .description("the open state's heap budget; past it raw events spill to files")
        .baseUnit("bytes")
        .register(meters);
    Gauge.builder("tessera.serving.open.spilled", budget, OpenStateBudget::spilledBytes)
        .description("bytes of raw events of open minutes in spill files")
        .baseUnit("bytes")
        .register(meters);
  }

  /** The follower follows these partitions from now on, from their start offsets (by index). */
  void following(long[] startOffsets, long[] lagsAtStart) {
    AtomicLongArray lagByPartition = new AtomicLongArray(lagsAtStart);
    AtomicLongArray positionByPartition = new AtomicLongArray(startOffsets);
    for (int partition = 0; partition < startOffsets.length; partition++) {
      int p = partition;
      Gauge.builder("tessera.serving.follower.lag", lagByPartition, lags -> lags.get(p))
          .description("records of the partition the follower has not applied yet")
          .tag("partition", Integer.toString(p))
          .register(meters);
      // what a client compares with the topic's offsets to know its writes are readable here
      Gauge.builder("tessera.serving.follower.position", positionByPartition, at -> at.get(p))
          .description("the offset of the next record of the partition the follower applies")
          .tag("partition", Integer.toString(p))
          .register(meters);
    }
    lags = lagByPartition;
    positions = positionByPartition;
  }

  void progress(int partition, long position, long lag) {
    positions.set(partition, position);
    lags.set(partition, lag);
  }

  /** Per partition, records not applied yet (end offset minus position). */
  Map<Integer, Long> lags() {
    AtomicLongArray current = lags;
    Map<Integer, Long> byPartition = new LinkedHashMap<>();
    for (int p = 0; p < current.length(); p++) {
      byPartition.put(p, current.get(p));
    }
    return byPartition;
  }

  void applied(String outcome) {
    Counter counter = outcomes.get(outcome); // first: registering makes a lambda, per record
    if (counter == null) {
      counter =
          outcomes.computeIfAbsent(
              outcome,
              name ->
                  Counter.builder("tessera.serving.follower.records")
                      .description("normalized records the follower applied, by outcome")
                      .tag("outcome", name)
                      .register(meters));
    }
    counter.increment();
  }

  /**
   * Per lineage, the lowest watermark over the followed partitions that have one: what this
   * instance's values of the view are as fresh as. The gauge {@code tessera.serving.watermark.lag}
   * is the wall clock minus it, in seconds: the number {@code stale} compares with the view's
   * expected freshness.
   */
  void watermarks(Map<String, Long> lowestByLineage) {
    lowestByLineage.forEach(
        (lineage, watermark) ->
            watermarkByLineage
                .computeIfAbsent(
                    lineage,
                    name -> {
                      AtomicLong value = new AtomicLong(watermark);
                      Gauge.builder(
                              "tessera.serving.watermark.lag",
                              value,
                              v -> (System.currentTimeMillis() - v.get()) / 1000.0)
                          .tag("view", name)
                          .baseUnit("seconds")
                          .description("wall clock minus the view's watermark in this instance")
                          .register(meters);
                      return value;
                    })
                .set(watermark));
  }

  /** The lineage's watermark here; {@link Long#MIN_VALUE} while it has none. */
  long lineageWatermarkMs(String lineage) {
    AtomicLong watermark = watermarkByLineage.get(lineage);
    return watermark == null ? Long.MIN_VALUE : watermark.get();
  }
}
