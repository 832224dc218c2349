package io.tessera.engine.open;

import io.tessera.engine.tile.TileKey;

/**
 * A coarse tile (hour, day: any resolution above the finest) that closed on a partition: every
 * finest tile inside it is sealed, so it can be rolled up ({@link CoarseCloser}) once the writes
 * before it are durable. Which entities it rolls up is not listed here: the manifests of its
 * children in the store say so, which is what lets a takeover replay from the oldest open finest
 * tile instead of relearning entities from a coarse tile's worth of the log.
 *
 * <p>Right after a restore a close may name a tile with no sealed child on the partition (the
 * restored state cannot tell whether the previous owner sealed any in the tile the seal point is
 * in); its children's manifests are then empty and the close writes nothing, so the rows written
 * are the same.
 *
 * @param resolutionMs the coarse resolution
 * @param startMs the tile's start, a multiple of {@code resolutionMs}
 */
public record CoarseClose(long resolutionMs, long startMs) {
  public CoarseClose {
    new TileKey(resolutionMs, startMs); // fails unless the start is aligned
  }

  /** The closed tile's key. */
  public TileKey key() {
    return new TileKey(resolutionMs, startMs);
  }
}
