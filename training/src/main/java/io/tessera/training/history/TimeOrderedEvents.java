package io.tessera.training.history;

import io.tessera.engine.event.Event;
import java.util.List;

/**
 * Events in canonical order (event time first) with their times indexed, so that the events of a
 * time range are a binary search away: what a sweep asks for at every spine row.
 */
final class TimeOrderedEvents {
  private final List<Event> events;
  private final long[] timesMs;

  /**
   * @param events in canonical order
   */
  TimeOrderedEvents(List<Event> events) {
    this.events = events;
    this.timesMs = events.stream().mapToLong(Event::eventTimeMs).toArray();
  }

  /** The events with {@code fromMs <= eventTime < toMs}, a view of this list. */
  List<Event> between(long fromMs, long toMs) {
    if (fromMs >= toMs) {
      return List.of();
    }
    return events.subList(lowerBound(fromMs), lowerBound(toMs));
  }

  /** The first index whose event time is at or after {@code timeMs}. */
  private int lowerBound(long timeMs) {
    int lo = 0;
    int hi = timesMs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timesMs[mid] < timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
