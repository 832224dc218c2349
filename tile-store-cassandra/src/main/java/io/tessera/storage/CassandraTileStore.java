package io.tessera.storage;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.engine.compaction.CompactionResult;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.TileRow;
import io.tessera.storage.HeadTable.TileBucket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The engine's {@link TileStore} on Cassandra, plus the asynchronous writes the aggregation-service
 * batches. Every write is an idempotent upsert or range delete; no lightweight transactions.
 *
 * <p>Two write protocols, which {@code docs/storage.md} argues from. The engine's port ({@link
 * #append}, {@link #appendNew}; tools, tests, bulk loads) writes an event's pending row, then its
 * log row; compaction later moves it into tiles. The aggregation-service ({@link #writeLog}, {@link
 * #writeStep}) writes the log row, then the tiles that absorb the event, with no pending row: a
 * crash between the two leaves a logged event that no tile covers, which {@link #openForAppend}
 * returns for the writer to absorb again. In both, every event a tile counts is in the log. Reads
 * and writes use {@code LOCAL_QUORUM}: a reader in another service sees every acknowledged write.
 */
public final class CassandraTileStore implements TileStore {
  private static final ConsistencyLevel CONSISTENCY = ConsistencyLevel.LOCAL_QUORUM;

  /** Cassandra's largest TTL: 20 years. */
  private static final long MAX_TTL_SECONDS = 630_720_000L;

  /** Partitions this instance remembers having registered in heads (each kind). */
  private static final int MAX_KNOWN_PARTITIONS = 200_000;

  private final HeadTable head;
  private final EventLogTable log;
  private final TileTable tiles;
  private final CassandraTileReads reads;
  private final ViewRetention retention;
  private final KnownPartitions knownTileBuckets = new KnownPartitions(MAX_KNOWN_PARTITIONS);
  private final KnownPartitions knownLogBuckets = new KnownPartitions(MAX_KNOWN_PARTITIONS);

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
    return head.writePending(entity, events, logBucketTtlSeconds(entity))
        .thenCompose(done -> log.write(entity, events, ttlSeconds(entity)));
  }

  /**
   * Writes events the caller knows to be new for the entity to the event log only (the
   * aggregation-service's path: it makes them visible through their tiles, written after this is
   * acknowledged). A log partition the entity has not used before is added to its head's list
   * first, so an unbounded read never misses it.
   */
  public CompletableFuture<Void> writeLog(EntityRef entity, List<Event> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Set<Long> fresh = new TreeSet<>();
    for (Event event : events) {
      long bucket = StorageKeys.logBucket(event.eventTimeMs());
      if (!knownLogBuckets.contains(logKey(entity, bucket))) {
        fresh.add(bucket);
      }
    }
    if (fresh.isEmpty()) {
      return log.write(entity, events, ttlSeconds(entity));
    }
    return head.addLogBuckets(entity, fresh, logBucketTtlSeconds(entity))
        .thenCompose(
            done -> {
              fresh.forEach(bucket -> knownLogBuckets.add(logKey(entity, bucket)));
              return log.write(entity, events, ttlSeconds(entity));
            });
  }

  /** Whether the event log holds the event (one point read). */
  public CompletionStage<Boolean> containsEvent(EntityRef entity, long eventTimeMs, String id) {
    return log.contains(entity, eventTimeMs, id);
  }

  /**
   * Reads what a writer needs to keep the entity in memory: the head, every logged event with event
   * time at or after {@code loggedFromMs.applyAsLong(meta)}, and, per resolution, the stored tiles
   * starting at or after {@code tilesFromMs.apply(meta)} (the resolutions it maps; the stored
   * metadata decides where they start). Restores the log rows of pending events first (idempotent
   * upserts): a writer of the pending protocol ({@link #appendNew}) that crashed between an event's
   * pending write and its log write left only the pending row, and the log must hold every event.
   */
  public CompletionStage<AppendState> openForAppend(
      EntityRef entity,
      ToLongFunction<EntityMeta> loggedFromMs,
      Function<EntityMeta, Map<Long, Long>> tilesFromMs) {
    return head.read(entity)
        .thenCompose(
            stored -> {
              List<Event> pending = stored.head().pending();
              CompletableFuture<Void> repaired = log.write(entity, pending, ttlSeconds(entity));
              long askedFromMs = loggedFromMs.applyAsLong(stored.head().meta());
              long fromBucket = StorageKeys.logBucket(askedFromMs);
              // When no partition starts before the asked time, reading their few earlier events
              // too gives the whole log, which sealing a first minute may need.
              boolean whole = stored.logBuckets().stream().allMatch(bucket -> bucket >= fromBucket);
              long completeFromMs = whole ? Long.MIN_VALUE : askedFromMs;
              List<CompletableFuture<List<Event>>> logReads = new ArrayList<>();
              for (long bucket : stored.logBuckets()) {
                if (bucket >= fromBucket) {
                  logReads.add(log.readFrom(entity, bucket, completeFromMs).toCompletableFuture());
                }
                knownLogBuckets.add(logKey(entity, bucket));
              }
              List<CompletableFuture<List<TileRow>>> tileReads = new ArrayList<>();
              tilesFromMs
                  .apply(stored.head().meta())
                  .forEach(
                      (resolutionMs, tilesFrom) -> {
                        long firstBucket = StorageKeys.tileBucket(resolutionMs, tilesFrom);
                        for (TileBucket bucket : stored.tileBuckets()) {
                          if (bucket.resolutionMs() == resolutionMs
                              && bucket.bucket() >= firstBucket) {
                            tileReads.add(
                                tiles
                                    .read(
                                        entity,
                                        resolutionMs,
                                        bucket.bucket(),
                                        tilesFrom,
                                        Long.MAX_VALUE)
                                    .toCompletableFuture());
                          }
                        }
                      });
              List<CompletableFuture<?>> all = new ArrayList<>(logReads);
              all.addAll(tileReads);
              all.add(repaired);
              return AsyncRows.allOf(all)
                  .thenApply(
                      done -> {
                        Map<String, Event> byId = new LinkedHashMap<>();
                        logReads.forEach(
                            read -> read.join().forEach(e -> byId.put(e.eventId(), e)));
                        for (Event event : pending) {
                          if (event.eventTimeMs() >= completeFromMs) {
                            byId.putIfAbsent(event.eventId(), event);
                          }
                        }
                        List<Event> logged = new ArrayList<>(byId.values());
                        logged.sort(EventOrder.CANONICAL);
                        List<TileRow> rows = new ArrayList<>();
                        tileReads.forEach(read -> rows.addAll(read.join()));
                        return new AppendState(stored.head(), completeFromMs, logged, rows);
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

  /**
   * Writes a compaction step of the aggregation-service: the tiles, then, once they are
   * acknowledged and only if {@code withMeta}, the metadata together with the deletion of pending
   * rows the tiles cover. The service writes the metadata only when what readers plan with changes
   * (built and sealed times, the first event), not for every new covered offset: readers take
   * coverage from the tiles.
   */
  public CompletableFuture<Void> writeStep(
      EntityRef entity, CompactionResult result, boolean withMeta) {
    CompletableFuture<Void> tilesWritten = writeTilesAsync(entity, result.tiles());
    if (!withMeta) {
      return tilesWritten;
    }
    return tilesWritten.thenCompose(
        done ->
            head.writeMetaDeletingPending(
                entity, result.meta(), result.deletePendingThroughOffset()));
  }

  /** Inserts or replaces tiles, after registering any new tile partition in the head. */
  public CompletableFuture<Void> writeTilesAsync(EntityRef entity, List<TileRow> tileRows) {
    Set<TileBucket> fresh = new HashSet<>();
    if (tileRows.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    for (TileRow row : tileRows) {
      TileBucket bucket = TileTable.bucketOf(row.key());
      if (!knownTileBuckets.contains(tileKey(entity, bucket))) {
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
              fresh.forEach(bucket -> knownTileBuckets.add(tileKey(entity, bucket)));
              return tiles.write(entity, tileRows);
            });
  }

  private static String logKey(EntityRef entity, long bucket) {
    return entity.view() + '\0' + entity.entityKey() + '\0' + bucket;
  }

  private static String tileKey(EntityRef entity, TileBucket bucket) {
    return entity.view()
        + '\0'
        + entity.entityKey()
        + '\0'
        + bucket.resolutionMs()
        + ':'
        + bucket.bucket();
  }

  /** An element of the log-partition list outlives the rows of its partition. */
  private int logBucketTtlSeconds(EntityRef entity) {
    int ttl = ttlSeconds(entity);
    return ttl == 0 ? 0 : (int) Math.min(MAX_TTL_SECONDS, ttl + StorageKeys.LOG_BUCKET_MS / 1000);
  }

  private int ttlSeconds(EntityRef entity) {
    long ms = retention.retentionMs(entity.view());
    return ms <= 0 ? 0 : (int) Math.min(MAX_TTL_SECONDS, Math.max(1, ms / 1000));
  }
}
