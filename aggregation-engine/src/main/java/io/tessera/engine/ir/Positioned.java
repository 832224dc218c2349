package io.tessera.engine.ir;

import io.tessera.engine.event.EventOrder;
import java.util.Comparator;

/**
 * A value with the (event time, event id) position of the event it came from.
 *
 * @param timeMs event time, epoch milliseconds
 * @param eventId event id, the tie-breaker at equal times
 * @param value the column value, never null
 */
public record Positioned(long timeMs, String eventId, Object value) {

  /** Canonical (event time, event id) order, oldest first. */
  public static final Comparator<Positioned> OLDEST_FIRST =
      (a, b) -> EventOrder.compare(a.timeMs, a.eventId, b.timeMs, b.eventId);
}
