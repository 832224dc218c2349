package io.tessera.streamcore.partition;

import io.tessera.records.normalized.NormalizedKey;
import org.apache.kafka.common.utils.Utils;

/**
 * The normalized topic's partition of a (view, entity): Kafka's default partitioner over the record
 * key ({@link NormalizedKey}), which is how ingest's producer placed the entity's events, so the
 * follower's state of that partition holds them.
 */
public final class KeyPartitions {
  private KeyPartitions() {}

  /** The partition of {@code key} among {@code partitions}, as a producer's default picks it. */
  public static int of(byte[] key, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
    }
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /** The partition of the events of {@code entityKey} of {@code view}. */
  public static int of(String view, String entityKey, int partitions) {
    return of(new NormalizedKey(view, entityKey).encode(), partitions);
  }
}
