package io.tessera.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The event log: partition (view_name, entity, hour bucket), clustering (event time, event id). */
final class EventLogTable {
  private final CqlSession session;
  private final ConsistencyLevel consistency;
  private final PreparedStatement insert;
  private final PreparedStatement selectRange;
  private final PreparedStatement selectOne;
  private final PreparedStatement selectFrom;

  EventLogTable(CqlSession session, StorageSchema schema, ConsistencyLevel consistency) {
    this.session = session;
    this.consistency = consistency;
    String table = schema.eventLog();
    String partition = " WHERE view_name = ? AND entity = ? AND bucket = ?";
    this.insert =
        session.prepare(
            "INSERT INTO "
                + table
                + " (view_name, entity, bucket, event_time, event_id, event_offset, event_entity,"
                + " event_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
    this.selectRange =
        session.prepare(
            "SELECT event_time, event_id, event_offset, event_entity, event_values FROM "
                + table
                + partition
                + " AND event_time >= ? AND event_time < ?");
    this.selectOne =
        session.prepare(
            "SELECT event_id FROM " + table + partition + " AND event_time = ? AND event_id = ?");
    this.selectFrom =
        session.prepare(
            "SELECT event_time, event_id, event_offset, event_entity, event_values FROM "
                + table
                + partition
                + " AND event_time >= ?");
  }

  /** Writes events, one unlogged batch per log partition, all partitions in parallel. */
  CompletableFuture<Void> write(EntityRef entity, List<Event> events, int ttlSeconds) {
    Map<Long, List<BatchableStatement<?>>> byBucket = new TreeMap<>();
    for (Event event : events) {
      long bucket = StorageKeys.logBucket(event.eventTimeMs());
      BoundStatement statement =
          insert.bind(
              entity.view(),
              entity.entityKey(),
              bucket,
              event.eventTimeMs(),
              event.eventId(),
              event.offset(),
              null,
              ValuesCodec.encode(event.values()),
              ttlSeconds);
      statement = Rows.withEventEntity(statement, entity, event, 6);
      byBucket
          .computeIfAbsent(bucket, b -> new ArrayList<>())
          .add(statement.setIdempotent(true).setConsistencyLevel(consistency));
    }
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    byBucket.values().forEach(batch -> writes.add(AsyncRows.writePartition(session, batch)));
    return AsyncRows.allOf(writes);
  }

  /** Events of one bucket with {@code fromMs <= event time < toMs}. */
  CompletionStage<List<Event>> read(EntityRef entity, long bucket, long fromMs, long toMs) {
    BoundStatement statement =
        selectRange
            .bind(entity.view(), entity.entityKey(), bucket, fromMs, toMs)
            .setConsistencyLevel(consistency);
    return AsyncRows.all(
        session, statement, row -> Rows.event(entity, row, row.getLong("event_offset")));
  }

  /** Whether the log holds the event (a point read of its full primary key). */
  CompletionStage<Boolean> contains(EntityRef entity, long eventTimeMs, String eventId) {
    BoundStatement statement =
        selectOne
            .bind(
                entity.view(),
                entity.entityKey(),
                StorageKeys.logBucket(eventTimeMs),
                eventTimeMs,
                eventId)
            .setConsistencyLevel(consistency);
    return session.executeAsync(statement).thenApply(rs -> rs.one() != null);
  }

  /** Events of one bucket at or after {@code fromMs}. */
  CompletionStage<List<Event>> readFrom(EntityRef entity, long bucket, long fromMs) {
    BoundStatement statement =
        selectFrom
            .bind(entity.view(), entity.entityKey(), bucket, fromMs)
            .setConsistencyLevel(consistency);
    return AsyncRows.all(
        session, statement, row -> Rows.event(entity, row, row.getLong("event_offset")));
  }
}
