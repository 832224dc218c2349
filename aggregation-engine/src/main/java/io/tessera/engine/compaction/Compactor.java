package io.tessera.engine.compaction;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One compaction step for one entity. It only reads the store; the writes come back as a {@link
 * CompactionResult}. Steps for one entity must not run concurrently with each other or with appends
 * for that entity (the aggregation-service runs both on the partition's thread); reads may run at
 * any time.
 *
 * <ol>
 *   <li><b>Absorb</b>: every pending event goes into its finest tile and into each coarser tile
 *       that is already built; each touched tile then covers the step's watermark (the highest
 *       pending offset).
 *   <li><b>Build</b>: coarse tiles whose span ended before {@code closedBeforeMs} are merged from
 *       their finer children, finest level first.
 *   <li><b>Seal</b>: tiles ending at or before {@code sealBeforeMs} are recomputed canonically from
 *       the event log ({@link CanonicalTiles}) and never change again.
 * </ol>
 */
public final class Compactor {
  private final ViewAggregator aggregator;
  private final Tiling tiling;
  private final TileCodec codec;
  private final CanonicalTiles canonical;

  public Compactor(ViewSpec view) {
    this.aggregator = new ViewAggregator(view);
    this.tiling = new Tiling(view.resolutions());
    this.codec = new TileCodec(aggregator);
    this.canonical = new CanonicalTiles(aggregator);
  }

  /**
   * Computes one step.
   *
   * @param closedBeforeMs tile spans ending at or before this are closed (no more on-time events)
   * @param sealBeforeMs tile spans ending at or before this are sealed (at most closedBeforeMs)
   */
  public CompactionResult step(
      TileStore store, EntityRef entity, long closedBeforeMs, long sealBeforeMs) {
    EntityHead head = store.readHead(entity);
    EntityMeta meta = head.meta();
    long watermark = meta.coveredOffset();
    for (Event event : head.pending()) {
      watermark = Math.max(watermark, event.offset());
    }
    WorkingTiles work = new WorkingTiles(store, entity, aggregator);
    List<Event> tooLate = new ArrayList<>();
    long firstMs = meta.firstEventTimeMs();
    for (Event event : head.pending()) {
      if (meta.isTooLate(event.eventTimeMs())) {
        tooLate.add(event);
        continue;
      }
      absorb(work, meta, event);
      firstMs =
          firstMs == EntityMeta.NO_TIME
              ? event.eventTimeMs()
              : Math.min(firstMs, event.eventTimeMs());
    }
    for (Tile tile : work.touched()) {
      tile.coverThrough(watermark);
    }
    EntityMeta next =
        new EntityMeta(
            firstMs, watermark, meta.builtThroughMsByResolution(), meta.sealedBeforeMs());
    next = build(work, next, closedBeforeMs, watermark);
    next = seal(work, next, Math.min(sealBeforeMs, closedBeforeMs), watermark);
    List<TileRow> rows = new ArrayList<>();
    for (Tile tile : work.touched()) {
      rows.add(codec.encode(tile));
    }
    return new CompactionResult(rows, next, watermark, tooLate);
  }

  private void absorb(WorkingTiles work, EntityMeta meta, Event event) {
    for (int level = 0; level < tiling.levels(); level++) {
      long resolutionMs = tiling.resolutionMs(level);
      TileKey key = TileKey.containing(resolutionMs, event.eventTimeMs());
      boolean finest = level == tiling.levels() - 1;
      if (!finest && key.endMs() > meta.builtThroughMs(resolutionMs)) {
        continue; // not built yet: it will be merged from its children when it closes
      }
      Tile tile = work.getOrCreate(key);
      if (tile.coveredOffset() < event.offset()) { // else absorbed before a crash; idempotent
        aggregator.add(tile.states(), event);
      }
    }
  }

  /** Builds closed coarse tiles from their (already complete) finer children, fine to coarse. */
  private EntityMeta build(
      WorkingTiles work, EntityMeta meta, long closedBeforeMs, long watermark) {
    if (!meta.hasEvents()) {
      return meta;
    }
    for (int level = tiling.levels() - 2; level >= 0; level--) {
      long resolutionMs = tiling.resolutionMs(level);
      long childMs = tiling.resolutionMs(level + 1);
      long childLimitMs =
          level + 1 == tiling.levels() - 1
              ? closedBeforeMs
              : Math.min(closedBeforeMs, meta.builtThroughMs(childMs));
      long builtMs = meta.builtThroughMs(resolutionMs);
      long fromMs =
          builtMs == EntityMeta.NO_TIME
              ? Tiling.floor(meta.firstEventTimeMs(), resolutionMs)
              : builtMs;
      long toMs = Tiling.floor(childLimitMs, resolutionMs);
      if (childLimitMs == EntityMeta.NO_TIME || fromMs >= toMs) {
        continue;
      }
      rebuildFromChildren(work, resolutionMs, childMs, fromMs, toMs, watermark);
      meta = meta.withBuiltThrough(resolutionMs, toMs);
    }
    return meta;
  }

  /** Seals tiles ending in (old sealed, new sealed] by canonical recomputation. */
  private EntityMeta seal(WorkingTiles work, EntityMeta meta, long sealBeforeMs, long watermark) {
    long newSealedMs = Tiling.floor(sealBeforeMs, tiling.finestMs());
    long oldSealedMs = meta.sealedBeforeMs();
    if (oldSealedMs != EntityMeta.NO_TIME && newSealedMs <= oldSealedMs) {
      return meta;
    }
    EntityMeta sealed =
        new EntityMeta(
            meta.firstEventTimeMs(),
            meta.coveredOffset(),
            meta.builtThroughMsByResolution(),
            newSealedMs);
    if (!meta.hasEvents()) {
      return sealed;
    }
    long fromMs =
        oldSealedMs == EntityMeta.NO_TIME
            ? Tiling.floor(meta.firstEventTimeMs(), tiling.resolutionMs(0))
            : oldSealedMs;
    if (fromMs >= newSealedMs) {
      return sealed;
    }
    Map<TileKey, List<Event>> eventsByTile = new TreeMap<>(TileKeys.BY_START);
    for (Event event : work.store().readEvents(work.entity(), fromMs, newSealedMs)) {
      if (event.offset() <= watermark) {
        eventsByTile
            .computeIfAbsent(
                TileKey.containing(tiling.finestMs(), event.eventTimeMs()), k -> new ArrayList<>())
            .add(event);
      }
    }
    eventsByTile.forEach((key, events) -> work.put(canonical.fromEvents(key, events, watermark)));
    for (int level = tiling.levels() - 2; level >= 0; level--) {
      long resolutionMs = tiling.resolutionMs(level);
      long limitMs = Math.min(newSealedMs, meta.builtThroughMs(resolutionMs));
      long toMs =
          limitMs == EntityMeta.NO_TIME ? Long.MIN_VALUE : Tiling.floor(limitMs, resolutionMs);
      long startMs = Tiling.floor(fromMs, resolutionMs);
      if (startMs < toMs) {
        rebuildFromChildren(
            work, resolutionMs, tiling.resolutionMs(level + 1), startMs, toMs, watermark);
      }
    }
    return sealed;
  }

  /** Replaces the tiles of {@code resolutionMs} in [fromMs, toMs) by merges of their children. */
  private void rebuildFromChildren(
      WorkingTiles work, long resolutionMs, long childMs, long fromMs, long toMs, long watermark) {
    Map<Long, List<Tile>> childrenByParent = new LinkedHashMap<>();
    NavigableMap<Long, Tile> children = work.range(childMs, fromMs, toMs);
    for (Tile child : children.values()) {
      long parentStartMs = Tiling.floor(child.key().startMs(), resolutionMs);
      childrenByParent.computeIfAbsent(parentStartMs, k -> new ArrayList<>()).add(child);
    }
    childrenByParent.forEach(
        (startMs, kids) ->
            work.put(canonical.fromChildren(new TileKey(resolutionMs, startMs), kids, watermark)));
  }
}
