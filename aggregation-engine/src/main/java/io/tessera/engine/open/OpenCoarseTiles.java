package io.tessera.engine.open;

import io.tessera.engine.tile.Tiling;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coarse tiles (every resolution above the finest) not closed yet on a partition: per tile only
 * the entities with a sealed child in it, and the lowest offset among those children's events (a
 * restore must replay from there to learn the entities again). No IRs: a coarse tile is rolled up
 * from the store when it closes, so memory grows with the entities of the open range only. Sorted
 * maps and sets throughout: the closes come out in one order on every instance.
 */
final class OpenCoarseTiles {
  /** The entities of one open coarse tile. */
  private static final class Members {
    final SortedSet<String> entityKeys = new TreeSet<>();
    long minOffset = Long.MAX_VALUE;
  }

  private final long[] resolutionsMs;
  private final List<NavigableMap<Long, Members>> open = new ArrayList<>();
  private long estimatedBytes;

  /** Tracks the coarse resolutions of {@code tiling} (none when it has one level). */
  OpenCoarseTiles(Tiling tiling) {
    resolutionsMs = new long[tiling.levels() - 1];
    for (int level = 0; level < resolutionsMs.length; level++) {
      // finest coarse resolution first: the order closes must be rolled up in
      resolutionsMs[level] = tiling.resolutionMs(tiling.levels() - 2 - level);
      open.add(new TreeMap<>());
    }
  }

  /**
   * Notes that {@code entityKey} has (or, on a restore, may have) a sealed child at {@code timeMs},
   * in every coarse tile not closed yet by the seal point {@code closedAtSealedBeforeMs} (an
   * advance passes the seal point before it: the tiles it closes itself are still open here).
   */
  void note(String entityKey, long timeMs, long offset, long closedAtSealedBeforeMs) {
    for (int i = 0; i < resolutionsMs.length; i++) {
      long startMs = Tiling.floor(timeMs, resolutionsMs[i]);
      if (startMs < builtThroughMs(resolutionsMs[i], closedAtSealedBeforeMs)) {
        continue; // closed and written already
      }
      Members members = open.get(i).computeIfAbsent(startMs, start -> new Members());
      if (members.entityKeys.add(entityKey)) {
        estimatedBytes += MemoryEstimate.key(entityKey);
      }
      members.minOffset = Math.min(members.minOffset, offset);
    }
  }

  /**
   * Removes and returns the tiles that end at or before {@code sealedBeforeMs}, in roll-up order.
   */
  List<CoarseClose> close(long sealedBeforeMs) {
    List<CoarseClose> closes = new ArrayList<>();
    for (int i = 0; i < resolutionsMs.length; i++) {
      long builtThroughMs = builtThroughMs(resolutionsMs[i], sealedBeforeMs);
      Iterator<Map.Entry<Long, Members>> it =
          open.get(i).headMap(builtThroughMs, false).entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Long, Members> entry = it.next();
        List<String> keys = List.copyOf(entry.getValue().entityKeys);
        keys.forEach(key -> estimatedBytes -= MemoryEstimate.key(key));
        closes.add(new CoarseClose(resolutionsMs[i], entry.getKey(), keys));
        it.remove();
      }
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

  /** The lowest offset a restore must replay to relearn the open tiles' entities, or MAX_VALUE. */
  long minOffset() {
    long min = Long.MAX_VALUE;
    for (NavigableMap<Long, Members> byStart : open) {
      for (Members members : byStart.values()) {
        min = Math.min(min, members.minOffset);
      }
    }
    return min;
  }

  long estimatedBytes() {
    return estimatedBytes;
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
