package io.tessera.streamcore.read;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.open.Rollup;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an aggregation owner writes for one seal, as a test performs it: the sealed finest rows,
 * then every coarse tile the seal closed, finer resolutions first, rolled up ({@link Rollup}) from
 * its children as stored. Uses only the seal's rows and its built-through times, so it does not
 * depend on how the open state names the closed tiles.
 *
 * <p>A seal's built-through time is only reached once every earlier seal's rows are durable (they
 * are acknowledged in order), so the tiles between the last roll-up and it have all their children
 * in the store, and entities first seen later have no child there.
 */
public final class OwnerWrites {
  private final SealedStore store;
  private final Rollup rollup;
  private final Tiling tiling;
  private final SortedSet<EntityRef> entities =
      new TreeSet<>(Comparator.comparing(EntityRef::view).thenComparing(EntityRef::entityKey));
  private final Map<Long, Long> rolledThroughMs = new HashMap<>();

  public OwnerWrites(SealedStore store, ViewAggregator aggregator) {
    this.store = store;
    this.rollup = new Rollup(aggregator);
    this.tiling = new Tiling(aggregator.view().resolutions());
  }

  /** Writes the seal's rows and roll-ups; returns when all are durable. */
  public void write(SealResult result) {
    store.writeMinutes(result.minutes()).toCompletableFuture().join();
    for (SealedMinute minute : result.minutes()) {
      entities.add(minute.entity());
    }
    for (int level = tiling.levels() - 2; level >= 0; level--) {
      long resolutionMs = tiling.resolutionMs(level);
      long throughMs =
          result.builtThroughMsByResolution().getOrDefault(resolutionMs, Long.MIN_VALUE);
      long fromMs = rolledThroughMs.getOrDefault(resolutionMs, Long.MIN_VALUE);
      if (throughMs <= fromMs) {
        continue;
      }
      for (EntityRef entity : entities) {
        rollUp(entity, resolutionMs, fromMs, throughMs);
      }
      rolledThroughMs.put(resolutionMs, throughMs);
    }
  }

  private void rollUp(EntityRef entity, long resolutionMs, long fromMs, long throughMs) {
    List<TileRow> children =
        store
            .readTiles(entity, rollup.childResolutionMs(resolutionMs), fromMs, throughMs)
            .toCompletableFuture()
            .join();
    Map<Long, List<TileRow>> byParent = new TreeMap<>();
    for (TileRow child : children) {
      byParent
          .computeIfAbsent(
              Tiling.floor(child.key().startMs(), resolutionMs), s -> new ArrayList<>())
          .add(child);
    }
    List<TileRow> parents = new ArrayList<>();
    byParent.forEach(
        (startMs, rows) ->
            rollup.rollUp(new TileKey(resolutionMs, startMs), rows).ifPresent(parents::add));
    if (!parents.isEmpty()) {
      store.writeTiles(entity, parents).toCompletableFuture().join();
    }
  }
}
