package io.tessera.engine.event;

import java.util.Comparator;

/**
 * The canonical order of events: event time, then event id. Two events at the same millisecond
 * still have a fixed order, so first/last and canonical tile recomputation never depend on arrival
 * order.
 */
public final class EventOrder {

  public static final Comparator<Event> CANONICAL =
      Comparator.comparingLong(Event::eventTimeMs).thenComparing(Event::eventId);

  private EventOrder() {}

  /** Compares two (time, id) positions the way {@link #CANONICAL} compares events. */
  public static int compare(long timeA, String idA, long timeB, String idB) {
    int byTime = Long.compare(timeA, timeB);
    return byTime != 0 ? byTime : idA.compareTo(idB);
  }
}
