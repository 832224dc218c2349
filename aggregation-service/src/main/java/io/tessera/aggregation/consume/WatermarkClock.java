package io.tessera.aggregation.consume;

import io.tessera.records.normalized.Watermark;
import io.tessera.records.watermark.PartitionWatermarks;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clock that closes and seals tiles: per partition of the normalized topic and per tile
 * lineage, the view's watermark as the partition's in-band watermark records decide it ({@link
 * PartitionWatermarks}). Lateness is therefore per view and in event time: a view replaying a
 * retained topic is not made late by another view's live traffic, nor by this service being slow or
 * down, since the watermark only moves as ingest reads the view's own source.
 *
 * <p>A lineage gathers the versions of a view that share a tile layout; its clock is the newest of
 * its versions' watermarks (a metadata-only change moves ingest to the new version, whose consumer
 * starts where the old one's watermark stood or behind it).
 *
 * <p>The consumer thread applies records; compaction threads read.
 */
public final class WatermarkClock {

  /** No watermark yet on the partition for the lineage: nothing of it may be closed or sealed. */
  public static final long UNKNOWN = 0L;

  private record Key(int partition, String storageName) {}

  private final long publisherExpiryMs;
  private final Map<Integer, PartitionWatermarks> partitions = new HashMap<>(); // consumer thread
  private final Map<Key, Long> byLineage = new ConcurrentHashMap<>();

  /**
   * @param publisherExpiryMs how far a partition's publication times move past an ingest instance's
   *     last watermark before it no longer holds its views back
   */
  public WatermarkClock(long publisherExpiryMs) {
    this.publisherExpiryMs = publisherExpiryMs;
  }

  /**
   * Applies a watermark record of {@code partition} whose view version is tiled under a lineage.
   */
  void apply(int partition, Watermark record, String storageName) {
    long watermarkMs =
        partitions
            .computeIfAbsent(partition, p -> new PartitionWatermarks(publisherExpiryMs))
            .apply(record);
    if (watermarkMs != PartitionWatermarks.NONE) {
      byLineage.merge(new Key(partition, storageName), watermarkMs, Math::max);
    }
  }

  /** Per lineage, its lowest watermark over the partitions where it has one (for metrics). */
  public Map<String, Long> lowestByLineage() {
    Map<String, Long> lowest = new HashMap<>();
    byLineage.forEach(
        (key, watermarkMs) -> lowest.merge(key.storageName(), watermarkMs, Math::min));
    return lowest;
  }

  /** The lineage's watermark on {@code partition}, or {@link #UNKNOWN}. */
  public long nowMs(int partition, String storageName) {
    return byLineage.getOrDefault(new Key(partition, storageName), UNKNOWN);
  }

  /** Forgets revoked partitions: their next owner reads their watermarks anew. */
  void forget(Set<Integer> revoked) {
    partitions.keySet().removeAll(revoked);
    byLineage.keySet().removeIf(key -> revoked.contains(key.partition()));
  }
}
