package io.tessera.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The entity-head partition {@code (view_name, entity)}: pending rows clustered by offset, and
 * static cells for the metadata and the lists of written event-log and tile partitions.
 */
final class HeadTable {
  private static final TupleType TILE_BUCKET =
      DataTypes.tupleOf(DataTypes.BIGINT, DataTypes.BIGINT);

  private final CqlSession session;
  private final ConsistencyLevel consistency;
  private final PreparedStatement select;
  private final PreparedStatement insertPending;
  private final PreparedStatement addLogBucket;
  private final PreparedStatement addTileBucket;
  private final PreparedStatement writeMeta;
  private final PreparedStatement deletePending;

  /** What one head query returns: the engine's head and this layout's partition lists. */
  record StoredHead(EntityHead head, Set<Long> logBuckets, Set<TileBucket> tileBuckets) {}

  /** A tile partition: resolution and bucket. */
  record TileBucket(long resolutionMs, long bucket) {}

  HeadTable(CqlSession session, StorageSchema schema, ConsistencyLevel consistency) {
    this.session = session;
    this.consistency = consistency;
    String table = schema.entityHead();
    this.select =
        session.prepare(
            "SELECT pending_offset, event_time, event_id, event_entity, event_values, meta,"
                + " log_buckets, tile_buckets FROM "
                + table
                + " WHERE view_name = ? AND entity = ?");
    this.insertPending =
        session.prepare(
            "INSERT INTO "
                + table
                + " (view_name, entity, pending_offset, event_time, event_id, event_entity,"
                + " event_values) VALUES (?, ?, ?, ?, ?, ?, ?)");
    this.addLogBucket =
        session.prepare(
            "UPDATE "
                + table
                + " USING TTL ? SET log_buckets = log_buckets + ? WHERE view_name = ? AND entity = ?");
    this.addTileBucket =
        session.prepare(
            "UPDATE "
                + table
                + " SET tile_buckets = tile_buckets + ? WHERE view_name = ? AND entity = ?");
    this.writeMeta =
        session.prepare("UPDATE " + table + " SET meta = ? WHERE view_name = ? AND entity = ?");
    this.deletePending =
        session.prepare(
            "DELETE FROM " + table + " WHERE view_name = ? AND entity = ? AND pending_offset <= ?");
  }

  CompletionStage<StoredHead> read(EntityRef entity) {
    BoundStatement statement =
        select.bind(entity.view(), entity.entityKey()).setConsistencyLevel(consistency);
    return AsyncRows.all(session, statement, row -> row).thenApply(rows -> decode(entity, rows));
  }

  private static StoredHead decode(EntityRef entity, List<Row> rows) {
    if (rows.isEmpty()) {
      return new StoredHead(EntityHead.EMPTY, Set.of(), Set.of());
    }
    Row first = rows.get(0); // static cells repeat on every row
    EntityMeta meta = MetaCodec.decode(first.getByteBuffer("meta"));
    List<Event> pending = new ArrayList<>();
    for (Row row : rows) {
      if (!row.isNull("pending_offset")) { // a partition with only static cells has one such row
        pending.add(Rows.event(entity, row, row.getLong("pending_offset")));
      }
    }
    pending.sort(Comparator.comparingLong(Event::offset));
    Set<Long> logBuckets = new TreeSet<>(first.getSet("log_buckets", Long.class));
    Set<TileBucket> tileBuckets = new java.util.HashSet<>();
    for (TupleValue tuple : first.getSet("tile_buckets", TupleValue.class)) {
      tileBuckets.add(new TileBucket(tuple.getLong(0), tuple.getLong(1)));
    }
    return new StoredHead(new EntityHead(pending, meta), logBuckets, tileBuckets);
  }

  /** Pending rows for {@code events} plus their log buckets: statements of one partition. */
  List<BatchableStatement<?>> pendingStatements(
      EntityRef entity, List<Event> events, int logTtlSeconds) {
    List<BatchableStatement<?>> statements = new ArrayList<>();
    Set<Long> buckets = new TreeSet<>();
    for (Event event : events) {
      buckets.add(StorageKeys.logBucket(event.eventTimeMs()));
      BoundStatement insert =
          insertPending.bind(
              entity.view(),
              entity.entityKey(),
              event.offset(),
              event.eventTimeMs(),
              event.eventId(),
              null,
              ValuesCodec.encode(event.values()));
      statements.add(Rows.withEventEntity(insert, entity, event, 5).setIdempotent(true));
    }
    for (long bucket : buckets) {
      statements.add(
          addLogBucket
              .bind(logTtlSeconds, Set.of(bucket), entity.view(), entity.entityKey())
              .setIdempotent(true));
    }
    statements.replaceAll(s -> ((BoundStatement) s).setConsistencyLevel(consistency));
    return statements;
  }

  CompletableFuture<Void> writePending(EntityRef entity, List<Event> events, int logTtlSeconds) {
    return AsyncRows.writePartition(session, pendingStatements(entity, events, logTtlSeconds));
  }

  /** Adds log partitions to the entity's list (one statement; elements expire with the log). */
  CompletableFuture<Void> addLogBuckets(EntityRef entity, Set<Long> buckets, int ttlSeconds) {
    BoundStatement statement =
        addLogBucket
            .bind(ttlSeconds, buckets, entity.view(), entity.entityKey())
            .setIdempotent(true)
            .setConsistencyLevel(consistency);
    return session.executeAsync(statement).toCompletableFuture().thenApply(rs -> null);
  }

  CompletableFuture<Void> addTileBuckets(EntityRef entity, Set<TileBucket> buckets) {
    Set<TupleValue> tuples = new java.util.HashSet<>();
    for (TileBucket bucket : buckets) {
      tuples.add(TILE_BUCKET.newValue(bucket.resolutionMs(), bucket.bucket()));
    }
    BoundStatement statement =
        addTileBucket
            .bind(tuples, entity.view(), entity.entityKey())
            .setIdempotent(true)
            .setConsistencyLevel(consistency);
    return session.executeAsync(statement).toCompletableFuture().thenApply(rs -> null);
  }

  CompletableFuture<Void> writeMeta(EntityRef entity, EntityMeta meta) {
    BoundStatement statement =
        writeMeta
            .bind(MetaCodec.encode(meta), entity.view(), entity.entityKey())
            .setIdempotent(true)
            .setConsistencyLevel(consistency);
    return session.executeAsync(statement).toCompletableFuture().thenApply(rs -> null);
  }

  /**
   * The metadata and the deletion of the pending rows at or below {@code throughOffset}, as one
   * unlogged batch of the head partition: atomic, so a reader sees both or neither.
   */
  CompletableFuture<Void> writeMetaDeletingPending(
      EntityRef entity, EntityMeta meta, long throughOffset) {
    List<BatchableStatement<?>> statements =
        List.of(
            writeMeta
                .bind(MetaCodec.encode(meta), entity.view(), entity.entityKey())
                .setIdempotent(true)
                .setConsistencyLevel(consistency),
            deletePending
                .bind(entity.view(), entity.entityKey(), throughOffset)
                .setIdempotent(true)
                .setConsistencyLevel(consistency));
    return AsyncRows.writePartition(session, statements);
  }

  CompletableFuture<Void> deletePending(EntityRef entity, long throughOffset) {
    BoundStatement statement =
        deletePending
            .bind(entity.view(), entity.entityKey(), throughOffset)
            .setIdempotent(true)
            .setConsistencyLevel(consistency);
    return session.executeAsync(statement).toCompletableFuture().thenApply(rs -> null);
  }
}
