package io.tessera.serving.store;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.streamcore.partition.DurableProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * One entity's sealed rows and tiles over a span, read once (a query per resolution and one for the
 * raw events) and then answered from memory. A training sweep reads serving's answer at many nearby
 * times of one entity, whose planned ranges overlap heavily: through this, they cost no store query
 * each.
 *
 * <p>Only what was final when the span was read is held: the finest tiles and the raw events before
 * the durable seal point, a coarser resolution's tiles as far as they were built (never past that
 * point). A read inside is answered by filtering, which gives the store's own answer (rows and
 * tiles there never change, the argument of {@link SealedBlockCache}; tiles are held in start
 * order, events in canonical order, and a filter keeps both); a read reaching outside, or of
 * another entity, goes to the store.
 */
public final class PreloadedSpan implements SealedRowReads {

  /**
   * The span is read this much at a time: six of the store's hour partitions, so an entity's
   * preload has about a dozen queries in flight, whatever its length.
   */
  static final long SLICE_MS = 6 * 3_600_000L;

  private final SealedRowReads store;
  private final EntityRef entity;
  private final Map<Long, HeldRows<TileRow>> tiles;
  private final HeldRows<Event> events;

  private PreloadedSpan(
      SealedRowReads store,
      EntityRef entity,
      Map<Long, HeldRows<TileRow>> tiles,
      HeldRows<Event> events) {
    this.store = store;
    this.entity = entity;
    this.tiles = tiles;
    this.events = events;
  }

  /**
   * Reads what is final of {@code entity} in {@code [fromMs, toMs)} by {@code durable}: the
   * lineage's progress on the entity's partition, taken before the reads (it only ever moves on,
   * and what was final then stays final).
   */
  public static CompletionStage<PreloadedSpan> read(
      SealedRowReads store,
      EntityRef entity,
      Tiling tiling,
      long fromMs,
      long toMs,
      DurableProgress durable) {
    long sealedMs =
        durable.sealedBeforeMs() == OpenState.NO_TIME
            ? OpenState.NO_TIME
            : Math.min(durable.sealedBeforeMs(), toMs);
    if (sealedMs == OpenState.NO_TIME || sealedMs <= fromMs) {
      return CompletableFuture.completedFuture(
          new PreloadedSpan(store, entity, Map.of(), HeldRows.events(fromMs, fromMs, List.of())));
    }
    long finestMs = tiling.finestMs();
    long spanFromMs = fromMs;
    Map<Long, CompletableFuture<HeldRows<TileRow>>> reads = new HashMap<>();
    for (long resolutionMs : tiling.resolutionsMs()) {
      long from = Tiling.floor(spanFromMs, resolutionMs);
      if (resolutionMs == finestMs) {
        long to = Math.max(from, Tiling.floor(sealedMs, resolutionMs));
        reads.put(
            resolutionMs,
            inSlices(from, to, (a, b) -> store.readTiles(entity, resolutionMs, a, b))
                .thenApply(rows -> HeldRows.tiles(from, to, rows)));
        continue;
      }
      Long builtMs = durable.builtThroughMsByResolution().get(resolutionMs);
      long to =
          builtMs == null
              ? from
              : Math.max(from, Tiling.floor(Math.min(sealedMs, builtMs), resolutionMs));
      if (to > from) {
        reads.put(
            resolutionMs,
            store
                .readTiles(entity, resolutionMs, from, to)
                .thenApply(rows -> HeldRows.tiles(from, to, rows))
                .toCompletableFuture());
      }
    }
    CompletableFuture<HeldRows<Event>> raw =
        inSlices(spanFromMs, sealedMs, (a, b) -> store.readEvents(entity, a, b))
            .thenApply(rows -> HeldRows.events(spanFromMs, sealedMs, rows));
    List<CompletableFuture<?>> all = new ArrayList<>(reads.values());
    all.add(raw);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<Long, HeldRows<TileRow>> held = new HashMap<>();
              reads.forEach((resolutionMs, read) -> held.put(resolutionMs, read.join()));
              return new PreloadedSpan(store, entity, held, raw.join());
            });
  }

  /**
   * A range read as consecutive {@link #SLICE_MS} reads, one after the other, concatenated: the
   * store reads each of its hour partitions with a query of its own, all at once, so a week in one
   * read would put some 170 queries in flight for one entity.
   */
  private static <T> CompletableFuture<List<T>> inSlices(
      long fromMs, long toMs, BiFunction<Long, Long, CompletionStage<List<T>>> read) {
    List<T> all = new ArrayList<>();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (long sliceMs = fromMs; sliceMs < toMs; sliceMs += Math.min(SLICE_MS, toMs - sliceMs)) {
      long a = sliceMs;
      long b = Math.min(toMs, sliceMs + SLICE_MS);
      chain = chain.thenCompose(previous -> read.apply(a, b)).thenAccept(all::addAll);
    }
    return chain.thenApply(done -> List.copyOf(all));
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    HeldRows<TileRow> held = tiles.get(resolutionMs);
    if (!entity.equals(this.entity) || held == null || !held.covers(fromMs, toMs)) {
      return store.readTiles(entity, resolutionMs, fromMs, toMs);
    }
    return CompletableFuture.completedFuture(held.between(fromMs, toMs));
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    if (!entity.equals(this.entity) || !events.covers(fromMs, toMs)) {
      return store.readEvents(entity, fromMs, toMs);
    }
    return CompletableFuture.completedFuture(events.between(fromMs, toMs));
  }
}
