package io.tessera.engine.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A half-open span of event time, {@code [fromMs, toMs)}.
 *
 * @param fromMs inclusive start, epoch milliseconds
 * @param toMs exclusive end
 */
public record TimeRange(long fromMs, long toMs) {
  public TimeRange {
    if (fromMs > toMs) {
      throw new IllegalArgumentException("range [" + fromMs + ", " + toMs + ") is reversed");
    }
  }

  public boolean contains(long timeMs) {
    return timeMs >= fromMs && timeMs < toMs;
  }

  public boolean isEmpty() {
    return fromMs == toMs;
  }

  /** The union of {@code ranges} as disjoint, sorted ranges (touching ranges are joined). */
  public static List<TimeRange> union(List<TimeRange> ranges) {
    List<TimeRange> sorted = new ArrayList<>(ranges);
    sorted.removeIf(TimeRange::isEmpty);
    sorted.sort(Comparator.comparingLong(TimeRange::fromMs));
    List<TimeRange> result = new ArrayList<>();
    for (TimeRange range : sorted) {
      if (!result.isEmpty() && result.get(result.size() - 1).toMs >= range.fromMs) {
        TimeRange last = result.remove(result.size() - 1);
        result.add(new TimeRange(last.fromMs, Math.max(last.toMs, range.toMs)));
      } else {
        result.add(range);
      }
    }
    return result;
  }
}
