package io.tessera.engine.event;

import java.util.Map;
import java.util.Objects;

/**
 * One normalized event of an entity: its columns after the view's transformation, where it sits in
 * the normalized topic, and the id that makes redelivery harmless.
 *
 * @param entityKey the entity the event belongs to, such as a user id
 * @param eventTimeMs event time, epoch milliseconds
 * @param eventId unique per (view, entity); a second event with the same id is a duplicate
 * @param offset the normalized-topic offset it was read at while its tile is open (a replay starts
 *     at the oldest); {@link #SEALED} once sealed, since a sealed row is a function of its events
 *     alone
 * @param values column values (Long, Double, String, Boolean; timestamps as Long epoch ms), nulls
 *     allowed
 */
public record Event(
    String entityKey, long eventTimeMs, String eventId, long offset, Map<String, Object> values) {

  public Event {
    Objects.requireNonNull(entityKey, "entityKey");
    Objects.requireNonNull(eventId, "eventId");
    values = EventValues.of(values);
  }

  /** The offset of a sealed event, and of one that was never on the normalized topic (backfill). */
  public static final long SEALED = -1;

  /** The value of {@code column}, or null when the column is absent or null. */
  public Object value(String column) {
    return column == null ? null : values.get(column);
  }

  /** The event as a sealed row holds it: without the offset it was read at. */
  public Event sealed() {
    return offset == SEALED ? this : atOffset(SEALED);
  }

  /** The same event as delivered again at another offset (a producer retry). */
  public Event atOffset(long newOffset) {
    return new Event(entityKey, eventTimeMs, eventId, newOffset, values);
  }
}
