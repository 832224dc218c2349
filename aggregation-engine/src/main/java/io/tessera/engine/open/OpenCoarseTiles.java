package io.tessera.engine.open;

import io.tessera.engine.tile.Tiling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coarse tiles (every resolution above the finest) not closed yet on a partition that have, or
 * may have, sealed children: only their starts. Which entities a tile rolls up is not kept here but
 * in the store, as the manifests of its children ({@link CoarseCloser}), so memory and the replay
 * after a takeover do not grow with the coarse range. Sorted sets throughout: the closes come out
 * in one order on every instance.
 */
final class OpenCoarseTiles {
  private final long[] resolutionsMs;
  private final List<NavigableSet<Long>> open = new ArrayList<>();

  /** Tracks the coarse resolutions of {@code tiling} (none when it has one level). */
  OpenCoarseTiles(Tiling tiling) {
    resolutionsMs = new long[tiling.levels() - 1];
    for (int level = 0; level < resolutionsMs.length; level++) {
      // finest coarse resolution first: the order closes must be rolled up in
      resolutionsMs[level] = tiling.resolutionMs(tiling.levels() - 2 - level);
      open.add(new TreeSet<>());
    }
  }

  /**
   * Notes that the finest tile starting at {@code startMs} has a sealed child (or, on a restore,
   * may have one) in every coarse tile not closed yet by the seal point {@code
   * closedAtSealedBeforeMs} (an advance passes the seal point before it: the tiles it closes itself
   * are still open here).
   */
  void note(long startMs, long closedAtSealedBeforeMs) {
    for (int i = 0; i < resolutionsMs.length; i++) {
      long coarseStartMs = Tiling.floor(startMs, resolutionsMs[i]);
      if (coarseStartMs >= builtThroughMs(resolutionsMs[i], closedAtSealedBeforeMs)) {
        open.get(i).add(coarseStartMs);
      }
    }
  }

  /**
   * Removes and returns the tiles that end at or before {@code sealedBeforeMs}, in roll-up order.
   */
  List<CoarseClose> close(long sealedBeforeMs) {
    List<CoarseClose> closes = new ArrayList<>();
    for (int i = 0; i < resolutionsMs.length; i++) {
      NavigableSet<Long> due =
          open.get(i).headSet(builtThroughMs(resolutionsMs[i], sealedBeforeMs), false);
      for (long startMs : due) {
        closes.add(new CoarseClose(resolutionsMs[i], startMs));
      }
      due.clear();
    }
    return closes;
  }

  /**
   * Per coarse resolution, the time its tiles are closed through; empty while nothing is sealed.
   */
  Map<Long, Long> builtThrough(long sealedBeforeMs) {
    Map<Long, Long> built = new TreeMap<>();
    if (sealedBeforeMs != OpenState.NO_TIME) {
      for (long resolutionMs : resolutionsMs) {
        built.put(resolutionMs, builtThroughMs(resolutionMs, sealedBeforeMs));
      }
    }
    return built;
  }

  /** A rough heap size: a boxed start per open coarse tile with children. */
  long estimatedBytes() {
    long tiles = 0;
    for (NavigableSet<Long> starts : open) {
      tiles += starts.size();
    }
    return tiles * MemoryEstimate.SORTED_LONG_BYTES;
  }

  /**
   * A coarse tile is closed when all its finest tiles are sealed: its end is at or before the seal
   * point, i.e. at or before the seal point floored to its resolution.
   */
  private static long builtThroughMs(long resolutionMs, long sealedBeforeMs) {
    return sealedBeforeMs == OpenState.NO_TIME
        ? OpenState.NO_TIME
        : Tiling.floor(sealedBeforeMs, resolutionMs);
  }
}
