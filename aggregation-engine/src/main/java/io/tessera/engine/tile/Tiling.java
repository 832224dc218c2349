package io.tessera.engine.tile;

import io.tessera.definitions.window.TileResolutions;
import java.util.List;

/**
 * The tiling rule of a view, written down once.
 *
 * <p>Invariant (checked by {@link TileResolutions}): resolutions descend, and each is a whole
 * multiple of the next finer one. Hence every tile is exactly the union of the finer tiles inside
 * it, all tiles align on the epoch ({@code startMs % resolutionMs == 0}, negative times included),
 * and any span between two finest-tile boundaries is covered by whole tiles of descending size.
 */
public final class Tiling {
  private final TileResolutions resolutions;
  private final long[] resolutionsMs;

  public Tiling(TileResolutions resolutions) {
    this.resolutions = resolutions;
    this.resolutionsMs = resolutions.resolutionsMs().stream().mapToLong(Long::longValue).toArray();
  }

  public TileResolutions resolutions() {
    return resolutions;
  }

  /** Resolutions coarsest first. */
  public List<Long> resolutionsMs() {
    return resolutions.resolutionsMs();
  }

  public int levels() {
    return resolutionsMs.length;
  }

  /** The resolution at {@code level}: 0 is the coarsest, {@code levels() - 1} the finest. */
  public long resolutionMs(int level) {
    return resolutionsMs[level];
  }

  public long finestMs() {
    return resolutionsMs[resolutionsMs.length - 1];
  }

  /** The level of {@code resolutionMs}. */
  public int levelOf(long resolutionMs) {
    for (int i = 0; i < resolutionsMs.length; i++) {
      if (resolutionsMs[i] == resolutionMs) {
        return i;
      }
    }
    throw new IllegalArgumentException(resolutionMs + " ms is not a resolution of " + resolutions);
  }

  /** The largest multiple of {@code resolutionMs} at or before {@code timeMs}. */
  public static long floor(long timeMs, long resolutionMs) {
    return timeMs - Math.floorMod(timeMs, resolutionMs);
  }

  /** The smallest multiple of {@code resolutionMs} at or after {@code timeMs}. */
  public static long ceil(long timeMs, long resolutionMs) {
    long floor = floor(timeMs, resolutionMs);
    return floor == timeMs ? timeMs : floor + resolutionMs;
  }
}
