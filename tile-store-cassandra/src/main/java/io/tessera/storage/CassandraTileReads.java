package io.tessera.storage;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.TileRow;
import io.tessera.storage.HeadTable.StoredHead;
import io.tessera.storage.HeadTable.TileBucket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The read plan's reads against Cassandra, asynchronous: serving issues a request's tile and raw
 * reads in parallel after the head. A bounded range is one query per partition it spans (one,
 * rarely two); an unbounded one first reads the entity's list of written partitions.
 */
public final class CassandraTileReads implements AsyncTileReads {
  private final HeadTable head;
  private final EventLogTable log;
  private final TileTable tiles;

  CassandraTileReads(HeadTable head, EventLogTable log, TileTable tiles) {
    this.head = head;
    this.log = log;
    this.tiles = tiles;
  }

  @Override
  public CompletionStage<EntityHead> readHead(EntityRef entity) {
    return head.read(entity).thenApply(StoredHead::head);
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    if (fromMs >= toMs) {
      return CompletableFuture.completedFuture(List.of());
    }
    long[] range =
        StorageKeys.bucketRange(fromMs, toMs, StorageKeys.tileBucketSpanMs(resolutionMs));
    return buckets(
            entity,
            range,
            stored ->
                stored.tileBuckets().stream()
                    .filter(b -> b.resolutionMs() == resolutionMs)
                    .map(TileBucket::bucket)
                    .toList())
        .thenCompose(
            buckets ->
                concat(buckets, bucket -> tiles.read(entity, resolutionMs, bucket, fromMs, toMs)));
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    if (fromMs >= toMs) {
      return CompletableFuture.completedFuture(List.of());
    }
    long[] range = StorageKeys.bucketRange(fromMs, toMs, StorageKeys.LOG_BUCKET_MS);
    return buckets(entity, range, stored -> List.copyOf(stored.logBuckets()))
        .thenCompose(buckets -> concat(buckets, bucket -> log.read(entity, bucket, fromMs, toMs)))
        .thenApply(
            events -> {
              // Cassandra orders event ids by UTF-8 bytes; the canonical order is Java's.
              List<Event> sorted = new ArrayList<>(events);
              sorted.sort(EventOrder.CANONICAL);
              return sorted;
            });
  }

  /** The buckets to query: the whole range when it is short, else the written ones inside it. */
  private CompletionStage<List<Long>> buckets(
      EntityRef entity, long[] range, Function<StoredHead, List<Long>> written) {
    long first = range[0];
    long last = range[1];
    if (last - first < StorageKeys.MAX_DIRECT_PARTITIONS) {
      List<Long> all = new ArrayList<>();
      for (long bucket = first; bucket <= last; bucket++) {
        all.add(bucket);
      }
      return CompletableFuture.completedFuture(all);
    }
    return head.read(entity)
        .thenApply(
            stored ->
                written.apply(stored).stream()
                    .filter(bucket -> bucket >= first && bucket <= last)
                    .sorted()
                    .toList());
  }

  /** Runs one query per bucket in parallel and concatenates the rows in bucket order. */
  private static <T> CompletionStage<List<T>> concat(
      List<Long> buckets, LongFunction<CompletionStage<List<T>>> query) {
    List<CompletableFuture<List<T>>> reads = new ArrayList<>();
    for (long bucket : buckets) {
      reads.add(query.apply(bucket).toCompletableFuture());
    }
    return AsyncRows.allOf(reads)
        .thenApply(
            done -> {
              List<T> rows = new ArrayList<>();
              reads.forEach(read -> rows.addAll(read.join()));
              return rows;
            });
  }
}
