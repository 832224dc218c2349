package io.tessera.engine.tile;

/**
 * One tile's span: {@code [startMs, startMs + resolutionMs)}, with {@code startMs} a multiple of
 * {@code resolutionMs} (tiles align on the epoch).
 *
 * @param resolutionMs the tile size
 * @param startMs the inclusive start, epoch milliseconds
 */
public record TileKey(long resolutionMs, long startMs) {
  public TileKey {
    if (resolutionMs <= 0 || Math.floorMod(startMs, resolutionMs) != 0) {
      throw new IllegalArgumentException(
          "tile start " + startMs + " is not aligned to " + resolutionMs + " ms");
    }
  }

  /** The tile of {@code resolutionMs} that contains {@code timeMs}. */
  public static TileKey containing(long resolutionMs, long timeMs) {
    return new TileKey(resolutionMs, Tiling.floor(timeMs, resolutionMs));
  }

  /** The exclusive end. */
  public long endMs() {
    return startMs + resolutionMs;
  }

  public boolean contains(long timeMs) {
    return timeMs >= startMs && timeMs - startMs < resolutionMs;
  }
}
