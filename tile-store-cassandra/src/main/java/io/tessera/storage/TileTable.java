package io.tessera.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.storage.HeadTable.TileBucket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Tiles: partition (view_name, entity, resolution, bucket of 1,024 tiles), clustering tile start.
 */
final class TileTable {
  private final CqlSession session;
  private final ConsistencyLevel consistency;
  private final PreparedStatement upsert;
  private final PreparedStatement selectRange;

  TileTable(CqlSession session, StorageSchema schema, ConsistencyLevel consistency) {
    this.session = session;
    this.consistency = consistency;
    String table = schema.tiles();
    this.upsert =
        session.prepare(
            "INSERT INTO "
                + table
                + " (view_name, entity, resolution, bucket, tile_start, covered_offset,"
                + " newest_event_time, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    this.selectRange =
        session.prepare(
            "SELECT tile_start, covered_offset, newest_event_time, payload FROM "
                + table
                + " WHERE view_name = ? AND entity = ? AND resolution = ? AND bucket = ?"
                + " AND tile_start >= ? AND tile_start < ?");
  }

  static TileBucket bucketOf(TileKey key) {
    return new TileBucket(
        key.resolutionMs(), StorageKeys.tileBucket(key.resolutionMs(), key.startMs()));
  }

  /** Inserts or replaces tiles: one unlogged batch per tile partition, partitions in parallel. */
  CompletableFuture<Void> write(EntityRef entity, List<TileRow> tiles) {
    Map<TileBucket, List<BatchableStatement<?>>> byPartition = new LinkedHashMap<>();
    for (TileRow tile : tiles) {
      TileKey key = tile.key();
      TileBucket bucket = bucketOf(key);
      BoundStatement statement =
          upsert
              .bind(
                  entity.view(),
                  entity.entityKey(),
                  key.resolutionMs(),
                  bucket.bucket(),
                  key.startMs(),
                  tile.coveredOffset(),
                  tile.newestEventTimeMs(),
                  ByteBuffer.wrap(tile.payload()))
              .setIdempotent(true)
              .setConsistencyLevel(consistency);
      byPartition.computeIfAbsent(bucket, b -> new ArrayList<>()).add(statement);
    }
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    byPartition.values().forEach(batch -> writes.add(AsyncRows.writePartition(session, batch)));
    return AsyncRows.allOf(writes);
  }

  CompletionStage<List<TileRow>> read(
      EntityRef entity, long resolutionMs, long bucket, long fromMs, long toMs) {
    BoundStatement statement =
        selectRange
            .bind(entity.view(), entity.entityKey(), resolutionMs, bucket, fromMs, toMs)
            .setConsistencyLevel(consistency);
    return AsyncRows.all(session, statement, row -> tile(resolutionMs, row));
  }

  private static TileRow tile(long resolutionMs, Row row) {
    ByteBuffer payload = row.getByteBuffer("payload");
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return new TileRow(
        new TileKey(resolutionMs, row.getLong("tile_start")),
        row.getLong("covered_offset"),
        row.getLong("newest_event_time"),
        bytes);
  }
}
