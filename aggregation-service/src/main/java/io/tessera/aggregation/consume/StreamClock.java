package io.tessera.aggregation.consume;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far the stream has got, per partition of the normalized topic: the clock that closes and
 * seals tiles, so that allowed lateness is measured in stream time, not in this instance's wall
 * clock.
 *
 * <p>Why: an event is too late when it arrives more than the allowed lateness after the events
 * around it, not when this service happens to process it late. With wall-clock sealing, an
 * aggregation outage (a crash, a slow restart, a backlog) longer than the allowed lateness would
 * dead-letter perfectly on-time events when the backlog is processed. Stream time is the newest
 * record timestamp processed on the partition (ingest stamps each record with the time the event
 * reached its source). While the consumer is caught up, stream time also follows the wall clock
 * less {@code idleAdvance}, so that tiles of a quiet partition still close and seal (bounded read
 * cost) — an upstream outage longer than that plus the allowed lateness does make its events late.
 */
public final class StreamClock {

  /** No record processed yet on the partition: nothing may be closed or sealed by it. */
  public static final long UNKNOWN = 0L;

  private final Duration idleAdvance;
  private final Map<Integer, Long> byPartition = new ConcurrentHashMap<>();

  public StreamClock(Duration idleAdvance) {
    this.idleAdvance = idleAdvance;
  }

  /** A record of {@code partition} with this timestamp was applied and committed. */
  void advance(int partition, long recordTimestampMs) {
    byPartition.merge(partition, recordTimestampMs, Math::max);
  }

  /** The consumer has read everything on {@code partition} at wall-clock time {@code nowMs}. */
  void caughtUp(int partition, long nowMs) {
    byPartition.merge(partition, nowMs - idleAdvance.toMillis(), Math::max);
  }

  /** Stream time of {@code partition}, or {@link #UNKNOWN}. */
  public long nowMs(int partition) {
    return byPartition.getOrDefault(partition, UNKNOWN);
  }

  /** Forgets revoked partitions: their next owner learns their stream time anew. */
  void forget(Set<Integer> partitions) {
    byPartition.keySet().removeAll(partitions);
  }
}
