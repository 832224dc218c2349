package io.tessera.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.engine.compaction.CompactionResult;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.TileRow;
import io.tessera.storage.HeadTable.TileBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The engine's {@link TileStore} on Cassandra, plus the asynchronous writes the aggregation-service
 * batches. Every write is an idempotent upsert or range delete; no lightweight transactions.
 *
 * <p>Write order, which {@code docs/storage.md} argues from: an event's pending row is acknowledged
 * before its event-log row is written. So an event in the log was pending (and is in a tile or
 * still pending), and a crash can only leave a pending row without its log row, which {@link
 * #openForAppend} restores. Reads and writes use {@code LOCAL_QUORUM}: a reader in another service
 * sees every acknowledged write.
 */
public final class CassandraTileStore implements TileStore {
  private static final ConsistencyLevel CONSISTENCY = ConsistencyLevel.LOCAL_QUORUM;

  /** Cassandra's largest TTL: 20 years. */
  private static final long MAX_TTL_SECONDS = 630_720_000L;

  /** Tile partitions this instance has registered in the head; bounded, cleared when full. */
  private static final int MAX_KNOWN_TILE_BUCKETS = 200_000;

  private final HeadTable head;
  private final EventLogTable log;
  private final TileTable tiles;
  private final CassandraTileReads reads;
  private final ViewRetention retention;
  private final Set<String> knownTileBuckets = ConcurrentHashMap.newKeySet();

  /** A store over existing tables (see {@link StorageSchema#create}). */
  public CassandraTileStore(CqlSession session, StorageSchema schema, ViewRetention retention) {
    this.head = new HeadTable(session, schema, CONSISTENCY);
    this.log = new EventLogTable(session, schema, CONSISTENCY);
    this.tiles = new TileTable(session, schema, CONSISTENCY);
    this.reads = new CassandraTileReads(head, log, tiles);
    this.retention = retention;
  }

  /** The asynchronous reads of the read plan (what serving uses). */
  public AsyncTileReads reads() {
    return reads;
  }

  // ---- the engine's synchronous port ----

  /**
   * Appends unless the entity already has the event id: looks in the log (a point read of the
   * event's primary key) and in pending. For one-at-a-time callers (tools, tests, backfill); the
   * aggregation-service de-duplicates from memory and calls {@link #appendNew}.
   */
  @Override
  public boolean append(EntityRef entity, Event event) {
    CompletableFuture<Boolean> inLog =
        log.contains(entity, event.eventTimeMs(), event.eventId()).toCompletableFuture();
    EntityHead current = readHead(entity);
    if (inLog.join()) {
      return false;
    }
    for (Event pending : current.pending()) {
      if (pending.eventId().equals(event.eventId())) {
        log.write(entity, List.of(pending), ttlSeconds(entity)).join(); // a cut-off append
        return false;
      }
    }
    appendNew(entity, List.of(event)).join();
    return true;
  }

  @Override
  public EntityHead readHead(EntityRef entity) {
    return reads.readHead(entity).toCompletableFuture().join();
  }

  @Override
  public List<TileRow> readTiles(EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    return reads.readTiles(entity, resolutionMs, fromMs, toMs).toCompletableFuture().join();
  }

  @Override
  public List<Event> readEvents(EntityRef entity, long fromMs, long toMs) {
    return reads.readEvents(entity, fromMs, toMs).toCompletableFuture().join();
  }

  @Override
  public void writeTiles(EntityRef entity, List<TileRow> tileRows) {
    writeTilesAsync(entity, tileRows).join();
  }

  @Override
  public void writeMeta(EntityRef entity, EntityMeta meta) {
    head.writeMeta(entity, meta).join();
  }

  @Override
  public void deletePending(EntityRef entity, long throughOffset) {
    head.deletePending(entity, throughOffset).join();
  }

  // ---- asynchronous writes and de-duplication reads for the aggregation-service ----

  /**
   * Writes events the caller knows to be new for the entity: pending rows (with the log-partition
   * list) as unlogged batches of the head partition, then, once acknowledged, the log rows.
   */
  public CompletableFuture<Void> appendNew(EntityRef entity, List<Event> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    int ttl = ttlSeconds(entity);
    int bucketTtl =
        ttl == 0 ? 0 : (int) Math.min(MAX_TTL_SECONDS, ttl + StorageKeys.LOG_BUCKET_MS / 1000);
    return head.writePending(entity, events, bucketTtl)
        .thenCompose(done -> log.write(entity, events, ttl));
  }

  /** Whether the event log holds the event (one point read). */
  public CompletionStage<Boolean> containsEvent(EntityRef entity, long eventTimeMs, String id) {
    return log.contains(entity, eventTimeMs, id);
  }

  /**
   * Reads what a writer needs to keep the entity in memory: the head, the ids of logged and pending
   * events with event time at or after {@code idsFromMs}, and, per resolution, the stored tiles
   * starting at or after {@code tilesFromMs.apply(meta)} (the resolutions it maps; the stored
   * metadata decides where they start). Restores the log rows of pending events first (idempotent
   * upserts): a crash between an event's pending write and its log write leaves only the pending
   * row, and the log must hold every event.
   */
  public CompletionStage<AppendState> openForAppend(
      EntityRef entity, long idsFromMs, Function<EntityMeta, Map<Long, Long>> tilesFromMs) {
    return head.read(entity)
        .thenCompose(
            stored -> {
              List<Event> pending = stored.head().pending();
              CompletableFuture<Void> repaired = log.write(entity, pending, ttlSeconds(entity));
              List<CompletableFuture<List<EventLogTable.LoggedId>>> idReads = new ArrayList<>();
              long fromBucket = StorageKeys.logBucket(idsFromMs);
              for (long bucket : stored.logBuckets()) {
                if (bucket >= fromBucket) {
                  idReads.add(log.idsFrom(entity, bucket, idsFromMs).toCompletableFuture());
                }
              }
              List<CompletableFuture<List<TileRow>>> tileReads = new ArrayList<>();
              tilesFromMs
                  .apply(stored.head().meta())
                  .forEach(
                      (resolutionMs, fromMs) -> {
                        long firstBucket = StorageKeys.tileBucket(resolutionMs, fromMs);
                        for (TileBucket bucket : stored.tileBuckets()) {
                          if (bucket.resolutionMs() == resolutionMs
                              && bucket.bucket() >= firstBucket) {
                            tileReads.add(
                                tiles
                                    .read(
                                        entity,
                                        resolutionMs,
                                        bucket.bucket(),
                                        fromMs,
                                        Long.MAX_VALUE)
                                    .toCompletableFuture());
                          }
                        }
                      });
              List<CompletableFuture<?>> all = new ArrayList<>(idReads);
              all.addAll(tileReads);
              all.add(repaired);
              return AsyncRows.allOf(all)
                  .thenApply(
                      done -> {
                        Map<String, Long> ids = new HashMap<>();
                        idReads.forEach(
                            read ->
                                read.join().forEach(id -> ids.put(id.eventId(), id.eventTimeMs())));
                        pending.forEach(event -> ids.put(event.eventId(), event.eventTimeMs()));
                        List<TileRow> rows = new ArrayList<>();
                        tileReads.forEach(read -> rows.addAll(read.join()));
                        return new AppendState(stored.head(), idsFromMs, ids, rows);
                      });
            });
  }

  /**
   * Applies a compaction step's writes in the engine's order, asynchronously: the tiles, then, once
   * they are acknowledged, the metadata together with the deletion of the pending rows the tiles
   * now cover (one atomic batch of the head partition). A reader that read the head before the
   * batch still finds every pending event in its snapshot or in a tile that says it covers it.
   */
  public CompletableFuture<Void> applyAsync(EntityRef entity, CompactionResult result) {
    return writeTilesAsync(entity, result.tiles())
        .thenCompose(
            done ->
                head.writeMetaDeletingPending(
                    entity, result.meta(), result.deletePendingThroughOffset()));
  }

  /** Inserts or replaces tiles, after registering any new tile partition in the head. */
  public CompletableFuture<Void> writeTilesAsync(EntityRef entity, List<TileRow> tileRows) {
    Set<TileBucket> fresh = new HashSet<>();
    for (TileRow row : tileRows) {
      TileBucket bucket = TileTable.bucketOf(row.key());
      if (!knownTileBuckets.contains(key(entity, bucket))) {
        fresh.add(bucket);
      }
    }
    if (fresh.isEmpty()) {
      return tiles.write(entity, tileRows);
    }
    // The list first: an unbounded read must never miss a partition that holds tiles.
    return head.addTileBuckets(entity, fresh)
        .thenCompose(
            done -> {
              if (knownTileBuckets.size() > MAX_KNOWN_TILE_BUCKETS) {
                knownTileBuckets.clear();
              }
              fresh.forEach(bucket -> knownTileBuckets.add(key(entity, bucket)));
              return tiles.write(entity, tileRows);
            });
  }

  private static String key(EntityRef entity, TileBucket bucket) {
    return entity.view()
        + '\0'
        + entity.entityKey()
        + '\0'
        + bucket.resolutionMs()
        + ':'
        + bucket.bucket();
  }

  private int ttlSeconds(EntityRef entity) {
    long ms = retention.retentionMs(entity.view());
    return ms <= 0 ? 0 : (int) Math.min(MAX_TTL_SECONDS, Math.max(1, ms / 1000));
  }
}
