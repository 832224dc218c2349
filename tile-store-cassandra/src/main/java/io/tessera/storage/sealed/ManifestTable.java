package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.tile.TileKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Tile manifests: partition (view, topic, partition, UTC day of the tile start), clustering
 * (resolution, start, chunk). A coarse close reads one partition (an hour's minute manifests, a
 * day's hour manifests). A manifest's sorted keys are cut into chunks of about {@link
 * #CHUNK_KEY_BYTES}, a pure function of the list, so a rewrite hits the same cells with the same
 * values; every chunk row carries the chunk count, so a read of a manifest missing a chunk fails
 * instead of rolling up fewer entities.
 */
final class ManifestTable {
  /**
   * Key bytes per chunk row: 50 chunks (one unlogged batch) stay near 3 MiB, far below the largest
   * mutation, and a busy hour's 50,000 keys are a few dozen rows.
   */
  static final int CHUNK_KEY_BYTES = 64 * 1024;

  private final CqlSession session;
  private final WriteAdmission writes;
  private final ConsistencyLevel consistency;
  private final PreparedStatement insert;
  private final PreparedStatement selectRange;

  ManifestTable(
      CqlSession session,
      WriteAdmission writes,
      SealedSchema schema,
      ConsistencyLevel consistency) {
    this.session = session;
    this.writes = writes;
    this.consistency = consistency;
    String table = schema.tileManifests();
    this.insert = session.prepare(SealedInsert.MANIFEST.cql(table));
    this.selectRange =
        session.prepare(
            "SELECT start_ms, chunk, chunks, entity_keys FROM "
                + table
                + " WHERE view_name = ? AND topic = ? AND partition_id = ? AND bucket = ?"
                + " AND resolution_ms = ? AND start_ms >= ? AND start_ms < ?");
  }

  /** Upserts manifest rows: unlogged batches of one partition each, partitions in parallel. */
  CompletableFuture<Void> write(List<SealedRow> rows) {
    return AsyncRows.writeByPartition(writes, insert, rows, consistency);
  }

  /** The manifests of one partition with {@code fromMs <= start < toMs}, in start order. */
  CompletionStage<List<SealedManifest>> read(
      String view,
      String topic,
      int partition,
      long bucket,
      long resolutionMs,
      long fromMs,
      long toMs) {
    BoundStatement statement =
        selectRange
            .bind(view, topic, partition, bucket, resolutionMs, fromMs, toMs)
            .setConsistencyLevel(consistency);
    return AsyncRows.all(session, statement, row -> row)
        .thenApply(rows -> assemble(view, topic, partition, resolutionMs, rows));
  }

  /** Joins each manifest's chunk rows (consecutive, in chunk order) back into one list. */
  private static List<SealedManifest> assemble(
      String view, String topic, int partition, long resolutionMs, List<Row> rows) {
    List<SealedManifest> manifests = new ArrayList<>();
    int at = 0;
    while (at < rows.size()) {
      long startMs = rows.get(at).getLong("start_ms");
      int chunks = rows.get(at).getInt("chunks");
      List<String> keys = new ArrayList<>();
      int chunk = 0;
      for (; at < rows.size() && rows.get(at).getLong("start_ms") == startMs; at++, chunk++) {
        if (rows.get(at).getInt("chunk") != chunk) {
          break;
        }
        keys.addAll(rows.get(at).getList("entity_keys", String.class));
      }
      if (chunk != chunks) {
        throw new IllegalStateException(
            "manifest of "
                + new TileKey(resolutionMs, startMs)
                + " on "
                + topic
                + "/"
                + partition
                + " has "
                + chunk
                + " of its "
                + chunks
                + " chunks: read before its write completed");
      }
      manifests.add(
          new SealedManifest(view, topic, partition, new TileKey(resolutionMs, startMs), keys));
    }
    return manifests;
  }

  /** The keys cut into runs of about {@link #CHUNK_KEY_BYTES}; one run at least. */
  static List<List<String>> chunks(List<String> keys) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int bytes = 0;
    for (String key : keys) {
      int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
      if (!current.isEmpty() && bytes + keyBytes > CHUNK_KEY_BYTES) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(key);
      bytes += keyBytes;
    }
    chunks.add(current);
    return chunks;
  }
}
