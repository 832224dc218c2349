package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sealed finest rows: partition (view, entity, hour bucket of the tile start), clustering (kind,
 * start, chunk). Kind 0 is the tile row of a minute (chunk 0); kind 1 rows hold its raw events,
 * {@link EventChunkCodec} chunks numbered from 0.
 *
 * <p>A minute is written as one unlogged batch of its partition (Cassandra applies a
 * single-partition batch atomically and in isolation, and does not apply its batch-size limits to
 * one), so a reader sees all of a minute or nothing. Minutes of one partition share a batch up to
 * {@link #MAX_BATCH_BYTES} (by default). A minute larger than that (hundreds of thousands of
 * events) would exceed Cassandra's mutation size limit as one batch: its chunks are written first
 * and its tile row only once they are acknowledged, so a tile never names events that are not
 * durable; a concurrent event read could see some chunks of it, but readers only read sealed spans
 * before their partition's checkpointed seal point, which the owner moves only after the write
 * completed.
 */
final class SealedMinuteTable {
  static final byte TILE_ROW = 0;
  static final byte EVENT_ROW = 1;

  /**
   * Bytes per batch: half of Cassandra's default largest mutation (half the 32 MiB commit-log
   * segment), leaving room for keys and overhead.
   */
  static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;

  /** Megabyte batches and reads of hot minutes need more than the driver's 2 s default. */
  private static final Duration LARGE_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final CqlSession session;
  private final WriteAdmission writes;
  private final long maxBatchBytes;
  private final ConsistencyLevel consistency;
  private final PreparedStatement insertTile;
  private final PreparedStatement insertChunk;
  private final PreparedStatement selectTiles;
  private final PreparedStatement selectChunks;

  /** The statements of one minute and their approximate size. */
  private record MinuteRows(BoundStatement tileRow, List<BoundStatement> chunkRows, long bytes) {}

  SealedMinuteTable(
      CqlSession session,
      WriteAdmission writes,
      SealedSchema schema,
      ConsistencyLevel consistency,
      long maxBatchBytes) {
    this.session = session;
    this.writes = writes;
    this.maxBatchBytes = maxBatchBytes;
    this.consistency = consistency;
    String table = schema.sealedMinutes();
    String partition = " WHERE view_name = ? AND entity = ? AND bucket = ?";
    this.insertTile = session.prepare(SealedInsert.MINUTE_TILE.cql(table));
    this.insertChunk = session.prepare(SealedInsert.MINUTE_EVENTS.cql(table));
    this.selectTiles =
        session.prepare(
            "SELECT start_ms, resolution_ms, newest_event_time, tile FROM "
                + table
                + partition
                + " AND kind = "
                + TILE_ROW
                + " AND start_ms >= ? AND start_ms < ?");
    this.selectChunks =
        session.prepare(
            "SELECT events FROM "
                + table
                + partition
                + " AND kind = "
                + EVENT_ROW
                + " AND start_ms >= ? AND start_ms < ?");
  }

  /** Writes minutes: per partition, batches of whole minutes; partitions in parallel. */
  CompletableFuture<Void> write(List<EncodedMinute> minutes) {
    Map<List<Object>, List<MinuteRows>> byPartition = new LinkedHashMap<>();
    for (EncodedMinute minute : minutes) {
      byPartition.computeIfAbsent(minute.partitionKey(), p -> new ArrayList<>()).add(bind(minute));
    }
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (List<MinuteRows> partitionMinutes : byPartition.values()) {
      List<BoundStatement> batch = new ArrayList<>();
      long batchBytes = 0;
      for (MinuteRows minute : partitionMinutes) {
        if (minute.bytes() > maxBatchBytes) {
          writes.add(writeOversized(minute));
          continue;
        }
        if (batchBytes + minute.bytes() > maxBatchBytes) {
          writes.add(execute(batch));
          batch = new ArrayList<>();
          batchBytes = 0;
        }
        batch.add(minute.tileRow());
        batch.addAll(minute.chunkRows());
        batchBytes += minute.bytes();
      }
      if (!batch.isEmpty()) {
        writes.add(execute(batch));
      }
    }
    return AsyncRows.allOf(writes);
  }

  private MinuteRows bind(EncodedMinute minute) {
    List<BoundStatement> chunkRows = new ArrayList<>(minute.events().size());
    for (SealedRow chunk : minute.events()) {
      chunkRows.add(insertChunk.bind(chunk.values().toArray()));
    }
    return new MinuteRows(
        insertTile.bind(minute.tile().values().toArray()), chunkRows, minute.bytes());
  }

  /** A minute too large for one batch: its chunks (batched by size), then its tile row. */
  private CompletableFuture<Void> writeOversized(MinuteRows minute) {
    List<CompletableFuture<?>> chunkWrites = new ArrayList<>();
    List<BoundStatement> batch = new ArrayList<>();
    long batchBytes = 0;
    for (BoundStatement chunk : minute.chunkRows()) {
      long size = EventChunkCodec.TARGET_CHUNK_BYTES;
      if (!batch.isEmpty() && batchBytes + size > maxBatchBytes) {
        chunkWrites.add(execute(batch));
        batch = new ArrayList<>();
        batchBytes = 0;
      }
      batch.add(chunk);
      batchBytes += size;
    }
    chunkWrites.add(execute(batch));
    return AsyncRows.allOf(chunkWrites)
        .thenCompose(done -> execute(List.of(minute.tileRow())))
        .thenApply(done -> null);
  }

  private CompletableFuture<Void> execute(List<BoundStatement> statements) {
    Statement<?> statement =
        statements.size() == 1
            ? statements.get(0)
            : BatchStatement.newInstance(BatchType.UNLOGGED).addAll(statements);
    return writes
        .execute(
            statement
                .setIdempotent(true)
                .setConsistencyLevel(consistency)
                .setTimeout(LARGE_REQUEST_TIMEOUT))
        .thenApply(done -> null);
  }

  /** Tile rows of one partition with {@code fromMs <= start < toMs}, in start order. */
  CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long bucket, long resolutionMs, long fromMs, long toMs) {
    BoundStatement statement =
        selectTiles
            .bind(entity.view(), entity.entityKey(), bucket, fromMs, toMs)
            .setConsistencyLevel(consistency);
    return AsyncRows.all(session, statement, SealedMinuteTable::tile)
        .thenApply(
            rows -> rows.stream().filter(row -> row.key().resolutionMs() == resolutionMs).toList());
  }

  /**
   * Events of the rows of one partition with {@code fromStartMs <= start < toMs}, in canonical
   * order (rows come in (start, chunk) order, each chunk in canonical order).
   */
  CompletionStage<List<Event>> readEvents(
      EntityRef entity, long bucket, long fromStartMs, long toMs) {
    BoundStatement statement =
        selectChunks
            .bind(entity.view(), entity.entityKey(), bucket, fromStartMs, toMs)
            .setConsistencyLevel(consistency)
            .setTimeout(LARGE_REQUEST_TIMEOUT);
    return AsyncRows.all(
            session,
            statement,
            row ->
                EventChunkCodec.decode(
                    entity.entityKey(), BucketReads.bytes(row.getByteBuffer("events"))))
        .thenApply(
            chunks -> {
              List<Event> events = new ArrayList<>();
              chunks.forEach(events::addAll);
              return events;
            });
  }

  private static TileRow tile(Row row) {
    return new TileRow(
        new TileKey(row.getLong("resolution_ms"), row.getLong("start_ms")),
        row.getLong("newest_event_time"),
        BucketReads.bytes(row.getByteBuffer("tile")));
  }
}
