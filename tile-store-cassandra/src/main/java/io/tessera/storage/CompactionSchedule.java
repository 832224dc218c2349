package io.tessera.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tessera.engine.event.EntityRef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The aggregation-service's bookkeeping of which entities of a normalized-topic partition still
 * have tiles to build or seal. An entity is added when a writer starts on it and removed once its
 * newest tiles are sealed, so a new owner of the partition (after a restart or a rebalance) resumes
 * compacting entities that receive no new events.
 */
public final class CompactionSchedule {
  private static final ConsistencyLevel CONSISTENCY = ConsistencyLevel.LOCAL_QUORUM;

  private final CqlSession session;
  private final PreparedStatement add;
  private final PreparedStatement remove;
  private final PreparedStatement list;

  public CompactionSchedule(CqlSession session, StorageSchema schema) {
    this.session = session;
    String table = schema.activeEntities();
    this.add =
        session.prepare(
            "INSERT INTO "
                + table
                + " (source, source_partition, view_name, entity, since_ms) VALUES (?, ?, ?, ?, ?)");
    this.remove =
        session.prepare(
            "DELETE FROM "
                + table
                + " WHERE source = ? AND source_partition = ? AND view_name = ? AND entity = ?");
    this.list =
        session.prepare(
            "SELECT view_name, entity FROM "
                + table
                + " WHERE source = ? AND source_partition = ?");
  }

  public CompletableFuture<Void> add(String source, int partition, EntityRef entity, long nowMs) {
    return session
        .executeAsync(
            add.bind(source, partition, entity.view(), entity.entityKey(), nowMs)
                .setIdempotent(true)
                .setConsistencyLevel(CONSISTENCY))
        .toCompletableFuture()
        .thenApply(rs -> null);
  }

  public CompletableFuture<Void> remove(String source, int partition, EntityRef entity) {
    return session
        .executeAsync(
            remove
                .bind(source, partition, entity.view(), entity.entityKey())
                .setIdempotent(true)
                .setConsistencyLevel(CONSISTENCY))
        .toCompletableFuture()
        .thenApply(rs -> null);
  }

  public CompletionStage<List<EntityRef>> entities(String source, int partition) {
    return AsyncRows.all(
        session,
        list.bind(source, partition).setConsistencyLevel(CONSISTENCY),
        row -> new EntityRef(row.getString("view_name"), row.getString("entity")));
  }
}
