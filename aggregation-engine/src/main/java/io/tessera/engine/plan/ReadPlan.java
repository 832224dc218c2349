package io.tessera.engine.plan;

import java.util.List;
import java.util.Map;

/**
 * The reads and merges for all windows of a view at {@code t}. Reads are shared: the tile ranges of
 * every window are joined per resolution, and the raw ranges likewise.
 *
 * @param tMs the request time
 * @param windows one plan per window
 * @param tileReads per resolution, disjoint tile-start ranges to read (the tail tile included)
 * @param rawReads disjoint event-time ranges to read from the event log (old edges)
 * @param tail the newest edge, shared by all windows that reach it, or null
 */
public record ReadPlan(
    long tMs,
    List<WindowPlan> windows,
    Map<Long, List<TimeRange>> tileReads,
    List<TimeRange> rawReads,
    Segment.Tail tail) {

  /** How many range queries the plan makes, before a possible raw read of the tail. */
  public int rangeQueries() {
    return tileReads.values().stream().mapToInt(List::size).sum() + rawReads.size();
  }
}
