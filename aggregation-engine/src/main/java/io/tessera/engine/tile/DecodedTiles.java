package io.tessera.engine.tile;

/**
 * Where a reader gets the tile of a stored row. A cache in front of the store hands out the same
 * row object for as long as it holds the row, so the tile decoded from it can be kept beside it and
 * decoded once, instead of on every read that merges it (a t-digest is rebuilt from its bytes each
 * time).
 *
 * <p>A kept tile is shared by the reads that merge it: merges only read the tile they merge from,
 * as they already do with a cached merged window.
 */
@FunctionalInterface
public interface DecodedTiles {

  /** Decodes every time: rows read straight from a store are new objects on every read. */
  DecodedTiles NONE = (row, codec) -> codec.decode(row);

  /** The tile of {@code row}, as {@code codec} decodes it. */
  Tile decode(TileRow row, TileCodec codec);
}
