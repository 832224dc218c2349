package io.tessera.ingest.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * What one published batch became.
 *
 * @param normalized events published to the normalized topic
 * @param filtered events the view's filter skipped
 * @param deadLettered events published to the dead-letter topic
 * @param newestEventMs per source partition (or shard) of the batch, the newest event time among
 *     its <em>normalized</em> events, which Kafka acknowledged: what the source's watermark may
 *     advance to. Filtered and dead-lettered events (such as {@code too_early} ones) are not in it.
 */
public record BatchResult(
    int normalized, int filtered, int deadLettered, Map<String, Long> newestEventMs) {

  public static final BatchResult EMPTY = new BatchResult(0, 0, 0, Map.of());

  public BatchResult {
    newestEventMs = Map.copyOf(newestEventMs);
  }

  public int total() {
    return normalized + filtered + deadLettered;
  }

  public BatchResult plus(BatchResult other) {
    Map<String, Long> newest = new HashMap<>(newestEventMs);
    other.newestEventMs.forEach((partition, ms) -> newest.merge(partition, ms, Math::max));
    return new BatchResult(
        normalized + other.normalized,
        filtered + other.filtered,
        deadLettered + other.deadLettered,
        newest);
  }
}
