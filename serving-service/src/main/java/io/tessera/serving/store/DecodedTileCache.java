package io.tessera.serving.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tessera.engine.tile.DecodedTiles;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileRow;

/**
 * The tiles of the rows the {@link SealedBlockCache} holds, decoded once. A read whose window's
 * merged sealed part is not cached (every window moves on by a minute a minute) decoded every tile
 * it merged from its bytes again: 8.6% of serving's CPU in the serving benchmark, t-digests most of
 * it. The block cache hands out the same row object for as long as it holds the row, so a tile is
 * kept by its row's identity (weak keys): it goes when the block cache lets the row go, or earlier
 * when this cache's own bound needs the room.
 *
 * <p>Bounded in estimated heap bytes ({@link IrWeights}); Micrometer's {@code cache.*} meters with
 * {@code cache=decoded-tiles}.
 */
public final class DecodedTileCache implements DecodedTiles {
  private final Cache<TileRow, Tile> tiles;

  public DecodedTileCache(long maxWeightBytes, MeterRegistry meters) {
    this.tiles =
        Caffeine.newBuilder()
            .weakKeys()
            .maximumWeight(maxWeightBytes)
            .<TileRow, Tile>weigher((row, tile) -> IrWeights.of(tile.states()))
            // evict on the writing thread, as the other serving caches: no maintenance task on
            // the common pool
            .executor(Runnable::run)
            .recordStats()
            .build();
    CaffeineCacheMetrics.monitor(meters, tiles, "decoded-tiles");
  }

  @Override
  public Tile decode(TileRow row, TileCodec codec) {
    Tile tile = tiles.getIfPresent(row);
    if (tile == null) {
      tile = codec.decode(row);
      tiles.put(row, tile);
    }
    return tile;
  }
}
