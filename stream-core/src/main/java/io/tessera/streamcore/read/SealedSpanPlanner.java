package io.tessera.streamcore.read;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.ReadPlanner;
import io.tessera.engine.plan.Segment;
import io.tessera.engine.plan.StoredTiles;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.plan.WindowPlan;
import io.tessera.engine.tile.Tiling;
import io.tessera.streamcore.partition.DurableProgress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans the sealed part of each window, {@code [t-W, min(D, t))} where {@code D} is the lineage's
 * durable seal point on the partition: the read plan of DESIGN.md ("Read plan, by example") made by
 * {@link ReadPlanner} over what the store is known to hold, then cut at {@code D}. Memory answers
 * {@code [max(t-W, D), t)}.
 *
 * <p>What bounds the tiles: finest tiles come from the sealed rows, all of which end at or before
 * {@code D}; a coarse tile is used only where {@link DurableProgress} says it is built, and never
 * past {@code D} (a marker's built-through time is capped at its seal point). After the cut no
 * segment reaches {@code D}, so no tile or row at or after {@code D} is ever read, whatever else
 * the store already holds (rows of seals whose marker this replica has not applied yet).
 *
 * <p>The tail of a window ending before {@code D} (a request in the past) lies in a sealed finest
 * tile that may hold events at or after {@code t}, so it is read as raw events of that one tile.
 * Lifetime windows start at {@code lifetimeFromMs} with the coarsest tiles: the store returns the
 * ones that exist. Pure; each window yields at most two segments per level plus two raw edges, so
 * the work is bounded by windows x resolutions (invariant 6).
 */
public final class SealedSpanPlanner {
  private final Tiling tiling;
  private final ReadPlanner planner;
  private final long lifetimeFromMs;

  /** A planner whose lifetime windows start at the earliest representable coarsest tile. */
  public SealedSpanPlanner(Tiling tiling) {
    this(tiling, earliestTileStart(tiling));
  }

  /**
   * A planner whose lifetime windows start at {@code lifetimeFromMs}, floored to the coarsest
   * resolution: a store that bounds range reads needs a real start (a lineage's first event, or the
   * source's retention), and events before it do not count.
   */
  public SealedSpanPlanner(Tiling tiling, long lifetimeFromMs) {
    this.tiling = tiling;
    this.planner = new ReadPlanner(tiling);
    this.lifetimeFromMs = Math.max(earliestTileStart(tiling), lifetimeFromMs);
  }

  /** The sealed parts of {@code windows} at {@code tMs}, with their reads gathered. */
  public ReadPlan plan(long tMs, Collection<WindowSpec> windows, DurableProgress durable) {
    List<WindowPlan> plans = new ArrayList<>();
    for (WindowSpec window : windows) {
      plans.add(planWindow(tMs, window, durable));
    }
    return planner.gather(tMs, plans);
  }

  /**
   * The sealed part of one window: segments (raw and tiles only) covering {@code [t-W, min(D, t))}
   * exactly, in time order; none when that span is empty or {@code D} is unknown.
   */
  public WindowPlan planWindow(long tMs, WindowSpec window, DurableProgress durable) {
    long durableMs = durable.sealedBeforeMs();
    long startMs = window.isLifetime() ? Long.MIN_VALUE : saturatedMinus(tMs, window.sizeMs());
    long endMs = Math.min(tMs, durableMs);
    if (durableMs == OpenState.NO_TIME || startMs >= endMs) {
      return new WindowPlan(window, startMs, Math.max(startMs, endMs), List.of());
    }
    WindowPlan full = planner.planWindow(tMs, window, stored(durable));
    return new WindowPlan(window, startMs, endMs, cut(full.segments(), endMs));
  }

  /** What the store holds, as the read planner asks it: built coarse tiles, never past D. */
  private StoredTiles stored(DurableProgress durable) {
    Map<Long, Long> readable = new HashMap<>();
    for (long resolutionMs : durable.builtThroughMsByResolution().keySet()) {
      readable.put(resolutionMs, durable.readableThroughMs(resolutionMs));
    }
    return new StoredTiles(lifetimeFromMs, readable);
  }

  /** The segments' parts before {@code endMs}; a tail there is read as raw events. */
  private List<Segment> cut(List<Segment> segments, long endMs) {
    List<Segment> cut = new ArrayList<>();
    for (Segment segment : segments) {
      TimeRange range = segment.range();
      if (range.fromMs() >= endMs) {
        break; // segments are in time order
      }
      long toMs = Math.min(range.toMs(), endMs);
      if (segment instanceof Segment.Tiles tiles) {
        // whole tiles only: a D off the tile grid (never seen: seal points are finest boundaries)
        // leaves a remainder, read raw
        long wholeToMs = Math.max(range.fromMs(), Tiling.floor(toMs, tiles.resolutionMs()));
        if (wholeToMs > range.fromMs()) {
          cut.add(
              new Segment.Tiles(tiles.resolutionMs(), new TimeRange(range.fromMs(), wholeToMs)));
        }
        if (wholeToMs < toMs) {
          cut.add(new Segment.Raw(new TimeRange(wholeToMs, toMs)));
        }
      } else {
        cut.add(new Segment.Raw(new TimeRange(range.fromMs(), toMs)));
      }
    }
    return cut;
  }

  /** The lowest multiple of the coarsest resolution that floors and ceils without wrapping. */
  private static long earliestTileStart(Tiling tiling) {
    long coarsestMs = tiling.resolutionMs(0);
    return Tiling.floor(Long.MIN_VALUE + coarsestMs, coarsestMs) + coarsestMs;
  }

  private static long saturatedMinus(long tMs, long sizeMs) {
    long startMs = tMs - sizeMs;
    // overflow past Long.MIN_VALUE wraps to a value above t
    return startMs > tMs ? Long.MIN_VALUE : startMs;
  }

  public Tiling tiling() {
    return tiling;
  }

  /** The planner that gathers window plans into reads ({@link ReadPlanner#gather}). */
  public ReadPlanner readPlanner() {
    return planner;
  }
}
