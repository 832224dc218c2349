package io.tessera.engine.ir;

/**
 * The state of one aggregation over some events. Mutable: {@code add} and {@code merge} update it
 * in place, because adding one event to a view's IRs is the streaming hot path.
 */
public abstract sealed class Ir
    permits CountIr,
        LongSumIr,
        DoubleSumIr,
        MomentsIr,
        ExtremumIr,
        EdgeIr,
        BoundedListIr,
        RecentDistinctIr,
        DistinctSetIr,
        HllIr,
        DigestIr {

  /** No event yet: older than every event time. */
  public static final long NO_EVENT_MS = Long.MIN_VALUE;

  private long newestEventTimeMs = NO_EVENT_MS;

  /** The newest event time this IR contains, or {@link #NO_EVENT_MS}. */
  public long newestEventTimeMs() {
    return newestEventTimeMs;
  }

  /**
   * A rough heap size of this IR and what it holds, in O(1): what the open state counts against its
   * memory budget for a tile's IR (invariant 9). Counters and sums stay at their objects; lists,
   * sets and sketches grow with what they hold, up to their bounds.
   */
  public abstract long estimatedBytes();

  /** Records that an event at {@code eventTimeMs} is now contained. */
  public void noteEventTime(long eventTimeMs) {
    newestEventTimeMs = Math.max(newestEventTimeMs, eventTimeMs);
  }
}
