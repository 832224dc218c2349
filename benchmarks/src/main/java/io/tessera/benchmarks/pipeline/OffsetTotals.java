package io.tessera.benchmarks.pipeline;

import io.tessera.e2e.kafka.ConsumerLag;

/**
 * How far each stage of the pipeline has got, as sums over partitions: events produced to the
 * source, consumed by ingest (committed), published to the normalized topic, and applied by
 * aggregation (committed after its Cassandra writes).
 */
record OffsetTotals(long produced, long ingested, long normalized, long applied, long atNanos) {

  static OffsetTotals read(ConsumerLag ingest, ConsumerLag aggregation) {
    return new OffsetTotals(
        sum(ingest.endOffsets()),
        sum(ingest.committedOffsets()),
        sum(aggregation.endOffsets()),
        sum(aggregation.committedOffsets()),
        System.nanoTime());
  }

  private static long sum(java.util.Map<Integer, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Per-second rates from {@code earlier} to this. */
  OffsetTotals ratesSince(OffsetTotals earlier) {
    double seconds = (atNanos - earlier.atNanos) / 1e9;
    return new OffsetTotals(
        (long) ((produced - earlier.produced) / seconds),
        (long) ((ingested - earlier.ingested) / seconds),
        (long) ((normalized - earlier.normalized) / seconds),
        (long) ((applied - earlier.applied) / seconds),
        atNanos);
  }
}
