package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Closed coarse tiles: partition (view, entity, resolution, bucket of 1,024 tiles), clustering
 * start. Written once when a tile closes; a rewrite stores the same bytes under the same key.
 */
final class CoarseTileTable {
  private final CqlSession session;
  private final WriteAdmission writes;
  private final ConsistencyLevel consistency;
  private final PreparedStatement upsert;
  private final PreparedStatement selectRange;

  CoarseTileTable(
      CqlSession session,
      WriteAdmission writes,
      SealedSchema schema,
      ConsistencyLevel consistency) {
    this.session = session;
    this.writes = writes;
    this.consistency = consistency;
    String table = schema.coarseTiles();
    this.upsert = session.prepare(SealedInsert.COARSE_TILE.cql(table));
    this.selectRange =
        session.prepare(
            "SELECT start_ms, newest_event_time, tile FROM "
                + table
                + " WHERE view_name = ? AND entity = ? AND resolution_ms = ? AND bucket = ?"
                + " AND start_ms >= ? AND start_ms < ?");
  }

  /** Upserts tile rows: unlogged batches of one partition each, all partitions in parallel. */
  CompletableFuture<Void> write(List<SealedRow> rows) {
    return AsyncRows.writeByPartition(writes, upsert, rows, consistency);
  }

  /** Tiles of one partition with {@code fromMs <= start < toMs}, in start order. */
  CompletionStage<List<TileRow>> read(
      EntityRef entity, long resolutionMs, long bucket, long fromMs, long toMs) {
    BoundStatement statement =
        selectRange
            .bind(entity.view(), entity.entityKey(), resolutionMs, bucket, fromMs, toMs)
            .setConsistencyLevel(consistency);
    return AsyncRows.all(session, statement, row -> tile(resolutionMs, row));
  }

  private static TileRow tile(long resolutionMs, Row row) {
    return new TileRow(
        new TileKey(resolutionMs, row.getLong("start_ms")),
        row.getLong("newest_event_time"),
        BucketReads.bytes(row.getByteBuffer("tile")));
  }
}
