package io.tessera.streamcore.partition;

import io.tessera.engine.open.Rollup;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The coarse tiles a lineage's sealed minutes call for, rolled up level by level in memory with no
 * store and no manifests: what the owner's closes must have written once every tile is closed.
 */
final class ExpectedRollups {
  /** One tile of one entity. */
  record Cell(String entityKey, TileKey key) {}

  private ExpectedRollups() {}

  static Map<Cell, TileRow> of(ViewAggregator aggregator, Collection<SealedMinute> minutes) {
    Tiling tiling = new Tiling(aggregator.view().resolutions());
    Rollup rollup = new Rollup(aggregator);
    Map<Cell, TileRow> level = new HashMap<>();
    minutes.forEach(m -> level.put(new Cell(m.entity().entityKey(), m.tile().key()), m.tile()));
    Map<Cell, TileRow> coarse = new HashMap<>();
    Map<Cell, TileRow> finer = level;
    for (int depth = tiling.levels() - 2; depth >= 0; depth--) {
      long resolutionMs = tiling.resolutionMs(depth);
      Map<Cell, List<TileRow>> children = new HashMap<>();
      finer.forEach(
          (cell, tile) ->
              children
                  .computeIfAbsent(
                      new Cell(
                          cell.entityKey(), TileKey.containing(resolutionMs, cell.key().startMs())),
                      parent -> new ArrayList<>())
                  .add(tile));
      Map<Cell, TileRow> rolled = new HashMap<>();
      children.forEach(
          (cell, tiles) -> rolled.put(cell, rollup.rollUp(cell.key(), tiles).orElseThrow()));
      coarse.putAll(rolled);
      finer = rolled;
    }
    return coarse;
  }
}
