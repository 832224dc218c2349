package io.tessera.engine.open;

import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rolls a closed coarse tile up from its children as read back from the store: decode, merge in
 * time order ({@link CanonicalTiles#fromChildren}), encode. Pure, so the bytes are the same as
 * rolling up the same children computed straight from events, on every instance and in backfill.
 */
public final class Rollup {
  private final Tiling tiling;
  private final CanonicalTiles canonical;
  private final TileCodec codec;

  public Rollup(ViewAggregator aggregator) {
    this.tiling = new Tiling(aggregator.view().resolutions());
    this.canonical = new CanonicalTiles(aggregator);
    this.codec = new TileCodec(aggregator);
  }

  /** The resolution a {@code resolutionMs} tile is rolled up from: the next finer one. */
  public long childResolutionMs(long resolutionMs) {
    int level = tiling.levelOf(resolutionMs);
    if (level == tiling.levels() - 1) {
      throw new IllegalArgumentException("the finest resolution has no children");
    }
    return tiling.resolutionMs(level + 1);
  }

  /**
   * The coarse tile {@code key} of one entity from its direct children (any order); empty when
   * there is no child (an empty tile is never written).
   *
   * @throws IllegalArgumentException if a child is not of the next finer resolution or lies outside
   *     {@code key}: merging tiles of two levels would count their events twice
   */
  public Optional<TileRow> rollUp(TileKey key, List<TileRow> children) {
    long childResolutionMs = childResolutionMs(key.resolutionMs());
    List<Tile> decoded = new ArrayList<>();
    for (TileRow child : children) {
      if (child.key().resolutionMs() != childResolutionMs || !key.contains(child.key().startMs())) {
        throw new IllegalArgumentException(child.key() + " is not a child of " + key);
      }
      decoded.add(codec.decode(child));
    }
    if (decoded.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(codec.encode(canonical.fromChildren(key, decoded)));
  }
}
