package io.tessera.aggregation.owner;

import io.tessera.streamcore.partition.RecordLimits;
import java.time.Duration;

/**
 * How the owner loop paces itself (from {@code tessera.aggregation.*}, see docs/aggregation.md).
 *
 * @param limits records beyond these are dead-lettered {@code too_large}
 * @param publisherExpiryMs see {@code PartitionWatermarks}
 * @param maxPollRecords records per poll
 * @param retryBackoff the wait before a held record (unknown view) is tried again, and after a
 *     failed write job before its partition restarts from its checkpoint
 * @param unknownViewWait how long a record of an unknown view version holds its partition before it
 *     is dead-lettered {@code unknown_view}
 * @param checkpointInterval how often a partition with no job in flight checkpoints its position
 * @param maxJobsInFlight a partition whose chain of unfinished write jobs is longer is paused until
 *     it drains
 * @param drainWait how long a revocation or shutdown waits for a partition's jobs in flight
 */
public record OwnerSettings(
    RecordLimits limits,
    long publisherExpiryMs,
    int maxPollRecords,
    Duration retryBackoff,
    Duration unknownViewWait,
    Duration checkpointInterval,
    int maxJobsInFlight,
    Duration drainWait) {
  public OwnerSettings {
    if (maxJobsInFlight < 1) {
      throw new IllegalArgumentException("max-jobs-in-flight must be positive");
    }
  }
}
