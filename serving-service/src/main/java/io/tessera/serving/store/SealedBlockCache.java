package io.tessera.serving.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedBlocks;
import io.tessera.engine.sealed.SealedBlocks.Block;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

/**
 * Caches serving's sealed reads by the store's blocks ({@link SealedBlocks}: its partitions), not
 * by range. A window's old edge moves with every minute, so a cache keyed by the exact range missed
 * for every entity asked less than once a minute, and such a miss cost about ten queries; a block
 * stays the same for an hour (rows) or 1,024 tiles, so later requests find what an earlier one
 * read.
 *
 * <p>An entry holds every row of its block's kind with a key in {@code [fromMs, validThroughMs)}.
 * Safe without invalidation: a follower reads only before its durable seal point, where rows and
 * tiles are final (an owner's replay or a zombie writes the same bytes), so the {@code toMs} of a
 * request is a valid-through, and nothing is ever held past one. A read inside an entry is answered
 * by cutting it, which is the store's own answer; a read reaching past it reads only the missing
 * part {@code [validThroughMs, toMs)} and the entry grows at its end (the current hour's rows grow
 * minute by minute as the seal point advances).
 *
 * <ul>
 *   <li><b>Tiles.</b> A miss reads from the block's start, so later windows whose edges fall
 *       anywhere in the block before what was read hit.
 *   <li><b>Raw events.</b> A row holds only its own tile's events, so the events of whole rows are
 *       the events of an event-time range between tile boundaries. A miss reads from the row of the
 *       request, not from the block's start: a hot entity's hour of events is up to 170 MB, and
 *       edges only move on. An entry keeps the rows from the latest request's row on, so a hot
 *       entity's does not grow for an hour. The finest tiles of a block say which rows exist: where
 *       they are held and show none, the events are known to be none and nothing is read (a quiet
 *       entity's edge minute usually has no row).
 * </ul>
 *
 * <p>Concurrent misses of one block each read what they miss, join it to the entry they found and
 * offer the result: the entry valid further stays, and since each is whole over its span, no row is
 * ever held twice or lost. A failed read is not cached. Bounded by weight (bytes, about);
 * Micrometer's {@code cache.gets} for {@code cache=sealed-blocks} counts block look-ups, a miss
 * being one that costs a store query. Reads the blocks cannot place (a lineage whose tiling is not
 * known, a range over more than {@link #MAX_BLOCKS_PER_READ} blocks) go to the store as they are.
 */
public final class SealedBlockCache implements SealedRowReads {

  /** As the store's own limit: a read over more blocks is a mistake, passed on for it to refuse. */
  static final int MAX_BLOCKS_PER_READ = 1_024;

  private static final int ENTRY_WEIGHT = 96;
  private static final int TILE_WEIGHT = 64;
  private static final int EVENT_WEIGHT = 200;

  /** The key kind of raw events (tiles are keyed by their resolution). */
  private static final long EVENTS = 0;

  /** The rows of one kind of one block of an entity: tiles of a resolution, or raw events. */
  private record BlockKey(EntityRef entity, long resolutionMs, long fromMs) {}

  /** A read of one block's part {@code [fromMs, toMs)}. */
  @FunctionalInterface
  private interface BlockRead<T> {
    CompletionStage<List<T>> read(Block block, long fromMs, long toMs);
  }

  private final SealedRowReads store;
  private final SealedBlocks blocks;
  private final Cache<BlockKey, HeldRows<?>> held;
  private final StatsCounter lookups = new ConcurrentStatsCounter();

  /**
   * @param blocks the blocks {@code store} reads by: with another store's, entries would still be
   *     right, but a miss could cost more than one query
   */
  public SealedBlockCache(
      SealedRowReads store, SealedBlocks blocks, long maxBytes, MeterRegistry meters) {
    this.store = store;
    this.blocks = blocks;
    this.held =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .<BlockKey, HeldRows<?>>weigher((key, rows) -> weight(rows))
            // look-ups are counted here, as hits and misses of the store, not of the map
            .recordStats(() -> lookups)
            .build();
    CaffeineCacheMetrics.monitor(meters, held, "sealed-blocks");
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    List<Block> spans =
        knowsBlocks(entity)
            ? blocksOf(fromMs, toMs, at -> blocks.tiles(entity, resolutionMs, at))
            : null;
    if (spans == null) {
      return store.readTiles(entity, resolutionMs, fromMs, toMs);
    }
    return inBlocks(
        spans, fromMs, toMs, (block, from, to) -> tiles(entity, resolutionMs, block, from, to));
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    List<Block> spans =
        knowsBlocks(entity) ? blocksOf(fromMs, toMs, at -> blocks.events(entity, at)) : null;
    if (spans == null) {
      return store.readEvents(entity, fromMs, toMs);
    }
    return inBlocks(spans, fromMs, toMs, (block, from, to) -> events(entity, block, from, to));
  }

  private CompletionStage<List<TileRow>> tiles(
      EntityRef entity, long resolutionMs, Block block, long fromMs, long toMs) {
    BlockKey key = new BlockKey(entity, resolutionMs, block.fromMs());
    HeldRows<TileRow> entry = lookUp(key);
    if (entry != null && entry.covers(fromMs, toMs)) {
      lookups.recordHits(1);
      return CompletableFuture.completedFuture(entry.between(fromMs, toMs));
    }
    lookups.recordMisses(1);
    // a tile entry starts at its block's start, so only its end can fall short
    long readFromMs = entry == null ? block.fromMs() : entry.toMs();
    return store
        .readTiles(entity, resolutionMs, readFromMs, toMs)
        .thenApply(
            rows -> {
              HeldRows<TileRow> read = HeldRows.tiles(readFromMs, toMs, rows);
              return keep(key, entry == null ? read : entry.followedBy(read)).between(fromMs, toMs);
            });
  }

  private CompletionStage<List<Event>> events(
      EntityRef entity, Block block, long fromMs, long toMs) {
    BlockKey key = new BlockKey(entity, EVENTS, block.fromMs());
    HeldRows<Event> entry = lookUp(key);
    if (entry != null && entry.covers(fromMs, toMs)) {
      lookups.recordHits(1);
      return CompletableFuture.completedFuture(entry.between(fromMs, toMs));
    }
    long rowMs = Tiling.floor(fromMs, blocks.finestMs(entity)); // a block starts at a row
    boolean grows = entry != null && entry.fromMs() <= fromMs && fromMs <= entry.toMs();
    HeldRows<Event> kept = grows ? entry : null;
    long readFromMs = grows ? entry.toMs() : rowMs;
    if (noRowsHeld(entity, readFromMs, toMs)) {
      lookups.recordHits(1);
      HeldRows<Event> none = HeldRows.events(readFromMs, toMs, List.of());
      return CompletableFuture.completedFuture(
          keep(key, joined(kept, none, rowMs)).between(fromMs, toMs));
    }
    lookups.recordMisses(1);
    return store
        .readEvents(entity, readFromMs, toMs)
        .thenApply(
            rows -> {
              HeldRows<Event> read = HeldRows.events(readFromMs, toMs, rows);
              return keep(key, joined(kept, read, rowMs)).between(fromMs, toMs);
            });
  }

  /** What was held and what was read, from the request's row on. */
  private static HeldRows<Event> joined(HeldRows<Event> kept, HeldRows<Event> read, long rowMs) {
    return (kept == null ? read : kept.followedBy(read)).from(rowMs);
  }

  /**
   * Whether the finest tiles held of the rows' block show that no sealed row holds events in {@code
   * [fromMs, toMs)}: a row and its tile are written together, and a row holds only its own tile's
   * events, so no tile starting in {@code [floor(fromMs), toMs)} means no such event.
   */
  private boolean noRowsHeld(EntityRef entity, long fromMs, long toMs) {
    long finestMs = blocks.finestMs(entity);
    long firstRowMs = Tiling.floor(fromMs, finestMs);
    Block rows = blocks.tiles(entity, finestMs, firstRowMs);
    HeldRows<TileRow> tiles = lookUp(new BlockKey(entity, finestMs, rows.fromMs()));
    // every row with such events starts in the rows' block, even when tiles straddle its end
    long lastMs = Math.min(toMs, rows.toMs());
    return tiles != null
        && tiles.covers(firstRowMs, lastMs)
        && tiles.between(firstRowMs, lastMs).isEmpty();
  }

  /**
   * Offers {@code rows} to the cache; of it and an entry a concurrent read kept meanwhile, the one
   * valid further stays (each holds every row of its span, so either is right).
   */
  private <T> HeldRows<T> keep(BlockKey key, HeldRows<T> rows) {
    held.asMap()
        .merge(key, rows, (stored, offered) -> offered.toMs() > stored.toMs() ? offered : stored);
    return rows;
  }

  @SuppressWarnings("unchecked") // a key's kind decides the one row type its entry holds
  private <T> HeldRows<T> lookUp(BlockKey key) {
    return (HeldRows<T>) held.asMap().get(key);
  }

  /** Whether the entity's lineage's tiling is known (serving learns it with the view's plan). */
  private boolean knowsBlocks(EntityRef entity) {
    return blocks.finestMs(entity) > 0;
  }

  /**
   * The blocks {@code [fromMs, toMs)} touches, in time order; null when there are more than {@link
   * #MAX_BLOCKS_PER_READ} or the range reaches towards the ends of time (never planned), which go
   * to the store as they are.
   */
  private static List<Block> blocksOf(long fromMs, long toMs, LongFunction<Block> blockAt) {
    if (fromMs <= Long.MIN_VALUE / 2 || toMs >= Long.MAX_VALUE / 2) {
      return null;
    }
    List<Block> spans = new ArrayList<>(1);
    for (long atMs = fromMs; atMs < toMs; ) {
      if (spans.size() == MAX_BLOCKS_PER_READ) {
        return null;
      }
      Block block = blockAt.apply(atMs);
      spans.add(block);
      atMs = block.toMs();
    }
    return spans;
  }

  /** Each block's part of {@code [fromMs, toMs)}, concatenated in block (so time) order. */
  private static <T> CompletionStage<List<T>> inBlocks(
      List<Block> spans, long fromMs, long toMs, BlockRead<T> read) {
    if (spans.size() <= 1) {
      return spans.isEmpty()
          ? CompletableFuture.completedFuture(List.of())
          : read.read(spans.get(0), fromMs, toMs);
    }
    List<CompletableFuture<List<T>>> parts = new ArrayList<>(spans.size());
    for (Block block : spans) {
      parts.add(
          read.read(block, Math.max(fromMs, block.fromMs()), Math.min(toMs, block.toMs()))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<T> all = new ArrayList<>();
              parts.forEach(part -> all.addAll(part.join()));
              return all;
            });
  }

  private static int weight(HeldRows<?> held) {
    long weight = ENTRY_WEIGHT;
    for (Object row : held.rows()) {
      weight += row instanceof TileRow tile ? TILE_WEIGHT + tile.payload().length : EVENT_WEIGHT;
    }
    return (int) Math.min(Integer.MAX_VALUE, weight);
  }
}
