package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.tile.Tiling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the read plan of DESIGN.md "Read plan, by example". For a window {@code [t-W, t)}:
 *
 * <pre>
 * [t-W .. next finest boundary)   raw events (old edge, less than one finest tile)
 * ascending                       finer tiles up to each next coarser boundary
 * [whole coarsest tiles)
 * descending                      coarser to finer tiles, up to the finest tile of t
 * [finest tile of t .. t)         raw events (the tail, less than one finest tile)
 * </pre>
 *
 * A coarse tile is used only where {@link StoredTiles} says it is built; elsewhere the span goes to
 * the finer level. Lifetime windows start at the coarsest tile of the first stored event and have
 * no old raw edge. Pure: the result depends only on its arguments; each window yields at most two
 * segments per level plus the two edges, so the work is bounded by windows x resolutions.
 */
public final class ReadPlanner {
  private final Tiling tiling;

  public ReadPlanner(Tiling tiling) {
    this.tiling = tiling;
  }

  public ReadPlan plan(long tMs, Collection<WindowSpec> windows, StoredTiles stored) {
    List<WindowPlan> plans = new ArrayList<>();
    for (WindowSpec window : windows) {
      plans.add(planWindow(tMs, window, stored));
    }
    return gather(tMs, plans);
  }

  /**
   * The shared reads of some window plans: their tile ranges joined per resolution, and their raw
   * ranges joined.
   */
  public ReadPlan gather(long tMs, List<WindowPlan> plans) {
    Map<Long, List<TimeRange>> tileRanges = new LinkedHashMap<>();
    List<TimeRange> rawRanges = new ArrayList<>();
    for (WindowPlan plan : plans) {
      for (Segment segment : plan.segments()) {
        if (segment instanceof Segment.Raw raw) {
          rawRanges.add(raw.range());
        } else if (segment instanceof Segment.Tiles tiles) {
          tileRanges
              .computeIfAbsent(tiles.resolutionMs(), res -> new ArrayList<>())
              .add(tiles.range());
        }
      }
    }
    Map<Long, List<TimeRange>> tileReads = new LinkedHashMap<>();
    tileRanges.forEach((res, ranges) -> tileReads.put(res, TimeRange.union(ranges)));
    return new ReadPlan(tMs, plans, tileReads, TimeRange.union(rawRanges));
  }

  /** The segments of one window, in time order. */
  public WindowPlan planWindow(long tMs, WindowSpec window, StoredTiles stored) {
    long finestMs = tiling.finestMs();
    long startMs;
    long coveredFromMs;
    if (window.isLifetime()) {
      startMs = Long.MIN_VALUE;
      long first = stored.hasEvents() ? stored.firstEventTimeMs() : tMs;
      coveredFromMs =
          Math.min(Tiling.floor(first, tiling.resolutionMs(0)), Tiling.floor(tMs, finestMs));
    } else {
      startMs = saturatedMinus(tMs, window.sizeMs());
      coveredFromMs = startMs;
    }
    List<Segment> segments = new ArrayList<>();
    long headEndMs = Math.min(Tiling.ceil(coveredFromMs, finestMs), tMs);
    if (coveredFromMs < headEndMs) {
      segments.add(new Segment.Raw(new TimeRange(coveredFromMs, headEndMs)));
    }
    long tailStartMs = Math.max(Tiling.floor(tMs, finestMs), headEndMs);
    cover(headEndMs, tailStartMs, 0, stored, segments);
    if (tailStartMs < tMs) {
      segments.add(new Segment.Raw(new TimeRange(tailStartMs, tMs)));
    }
    return new WindowPlan(window, startMs, tMs, segments);
  }

  /** Covers {@code [fromMs, toMs)} (finest-aligned) with tiles of {@code level} and finer. */
  private void cover(long fromMs, long toMs, int level, StoredTiles stored, List<Segment> out) {
    if (fromMs >= toMs) {
      return;
    }
    long resolutionMs = tiling.resolutionMs(level);
    if (level == tiling.levels() - 1) {
      out.add(new Segment.Tiles(resolutionMs, new TimeRange(fromMs, toMs)));
      return;
    }
    long usableToMs = Math.min(toMs, stored.builtThroughMs(resolutionMs));
    long wholeFromMs = Tiling.ceil(fromMs, resolutionMs);
    long wholeToMs =
        usableToMs == StoredTiles.NO_TIME ? wholeFromMs : Tiling.floor(usableToMs, resolutionMs);
    if (wholeFromMs >= wholeToMs) {
      cover(fromMs, toMs, level + 1, stored, out);
      return;
    }
    cover(fromMs, wholeFromMs, level + 1, stored, out);
    out.add(new Segment.Tiles(resolutionMs, new TimeRange(wholeFromMs, wholeToMs)));
    cover(wholeToMs, toMs, level + 1, stored, out);
  }

  private static long saturatedMinus(long tMs, long sizeMs) {
    long startMs = tMs - sizeMs;
    // overflow past Long.MIN_VALUE wraps to a value above t
    return startMs > tMs ? Long.MIN_VALUE : startMs;
  }
}
