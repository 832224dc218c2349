package io.tessera.storage;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;

/** The event columns that the event log and the pending rows share, mapped in one place. */
final class Rows {
  private Rows() {}

  /** An event from a row with {@code event_time, event_id, event_entity, event_values}. */
  static Event event(EntityRef entity, Row row, long offset) {
    String eventEntity = row.getString("event_entity");
    return new Event(
        eventEntity == null ? entity.entityKey() : eventEntity,
        row.getLong("event_time"),
        row.getString("event_id"),
        offset,
        ValuesCodec.decode(row.getByteBuffer("event_values")));
  }

  /**
   * Sets {@code event_entity} only when the event names another entity key than its partition (the
   * engine allows it); otherwise leaves it unset, which writes nothing (a bound null would write a
   * tombstone).
   */
  static BoundStatement withEventEntity(
      BoundStatement statement, EntityRef entity, Event event, int index) {
    return event.entityKey().equals(entity.entityKey())
        ? statement.unset(index)
        : statement.setString(index, event.entityKey());
  }
}
