package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import java.util.List;

/**
 * The plan of one window at {@code t}: its segments, in time order, cover {@code [startMs, t)}
 * exactly. For a lifetime window {@code startMs} is {@link Long#MIN_VALUE} and the segments start
 * at the coarse tile of {@link StoredTiles#firstEventTimeMs}: nothing older is counted.
 *
 * @param window the window spec
 * @param startMs the inclusive start of the window's events
 * @param endMs the exclusive end, {@code t}
 * @param segments disjoint segments in time order
 */
public record WindowPlan(WindowSpec window, long startMs, long endMs, List<Segment> segments) {
  public WindowPlan {
    segments = List.copyOf(segments);
  }

  public boolean contains(long timeMs) {
    return timeMs >= startMs && timeMs < endMs;
  }

  /** The segment holding {@code timeMs}, or null (only before a lifetime window's tiles). */
  public Segment segmentAt(long timeMs) {
    for (Segment segment : segments) {
      if (segment.range().contains(timeMs)) {
        return segment;
      }
    }
    return null;
  }
}
