package io.tessera.engine.ir;

import io.tessera.engine.event.EventOrder;

/**
 * The value of the first or last event in (event time, event id) order, with that position, so
 * merging two IRs picks the right one whatever the merge order.
 */
public final class EdgeIr extends Ir {
  private Object value;
  private long timeMs;
  private String eventId;

  public boolean isEmpty() {
    return eventId == null;
  }

  /**
   * Keeps the candidate if empty, or if it is earlier ({@code keepEarliest}) or later than the
   * current one.
   */
  public void offer(Object candidate, long candidateTimeMs, String candidateId, boolean earliest) {
    if (isEmpty()) {
      set(candidate, candidateTimeMs, candidateId);
      return;
    }
    int order = EventOrder.compare(candidateTimeMs, candidateId, timeMs, eventId);
    if (earliest ? order < 0 : order > 0) {
      set(candidate, candidateTimeMs, candidateId);
    }
  }

  private void set(Object candidate, long candidateTimeMs, String candidateId) {
    value = candidate;
    timeMs = candidateTimeMs;
    eventId = candidateId;
  }

  public Object value() {
    return value;
  }

  public long timeMs() {
    return timeMs;
  }

  public String eventId() {
    return eventId;
  }

  @Override
  public long estimatedBytes() {
    return HeapBytes.object(28) + HeapBytes.value(value) + HeapBytes.value(eventId);
  }
}
