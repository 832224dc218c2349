package io.tessera.engine.plan;

import java.util.List;
import java.util.Map;

/**
 * The reads and merges for all windows of a view at {@code t}. Reads are shared: the tile ranges of
 * every window are joined per resolution, and the raw ranges likewise.
 *
 * @param tMs the request time
 * @param windows one plan per window
 * @param tileReads per resolution, disjoint tile-start ranges to read
 * @param rawReads disjoint event-time ranges of raw events to read (the windows' edges)
 */
public record ReadPlan(
    long tMs,
    List<WindowPlan> windows,
    Map<Long, List<TimeRange>> tileReads,
    List<TimeRange> rawReads) {

  /** How many range queries the plan makes. */
  public int rangeQueries() {
    return tileReads.values().stream().mapToInt(List::size).sum() + rawReads.size();
  }
}
