package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.view.ViewAggregator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Merges what a plan read into one IR array per window, in time order: tiles of each tile segment
 * and raw events of each raw segment. The segments are disjoint and cover the window, so every
 * event read counts once.
 */
public final class WindowMerger {
  private final ViewAggregator aggregator;

  public WindowMerger(ViewAggregator aggregator) {
    this.aggregator = aggregator;
  }

  public Map<WindowSpec, Ir[]> merge(ReadPlan plan, PlanInputs inputs) {
    Map<WindowSpec, Ir[]> result = new LinkedHashMap<>();
    for (WindowPlan window : plan.windows()) {
      result.put(window.window(), mergeWindow(window, inputs));
    }
    return result;
  }

  /** The IRs of one window: its segments in time order, tile by tile. */
  public Ir[] mergeWindow(WindowPlan window, PlanInputs inputs) {
    return mergeWindow(window.segments(), null, null, inputs);
  }

  /**
   * The IRs of one window whose sealed prefix is already merged: {@code sealedStates} (not
   * modified) in place of the prefix's tiles, the rest of the plan as usual.
   */
  public Ir[] mergeWindow(SealedPrefix prefix, Ir[] sealedStates, PlanInputs inputs) {
    return mergeWindow(prefix.rest().segments(), prefix.range(), sealedStates, inputs);
  }

  /**
   * One block of a sealed prefix ({@link SealedWindows}): the tiles of the run's segments of {@code
   * resolutionMs} merged in order into fresh IRs, with {@code inner} (the block of its coarser
   * segments, not modified; null when there are none) in their place. A block coarser than the
   * finest tiles is compacted: it stays the same for an hour or more, and every read in that time
   * merges from it. A block of the finest resolution (a whole prefix) changes every finest tile and
   * is merged from once or a few times: compacting it would cost more than it saves.
   */
  public Ir[] mergeBlock(
      List<Segment.Tiles> run, long resolutionMs, Ir[] inner, PlanInputs inputs) {
    Ir[] states = aggregator.init();
    boolean innerMerged = inner == null;
    for (Segment.Tiles tiles : run) {
      if (tiles.resolutionMs() == resolutionMs) {
        mergeTiles(states, tiles, inputs);
      } else if (!innerMerged) {
        aggregator.merge(states, inner);
        innerMerged = true;
      }
    }
    if (resolutionMs > aggregator.view().resolutions().finestMs()) {
      aggregator.compact(states);
    }
    return states;
  }

  private Ir[] mergeWindow(
      List<Segment> segments, TimeRange sealedRange, Ir[] sealedStates, PlanInputs inputs) {
    Ir[] states = aggregator.init();
    boolean sealedMerged = sealedStates == null;
    for (Segment segment : segments) {
      if (!sealedMerged && segment.range().fromMs() >= sealedRange.toMs()) {
        aggregator.merge(states, sealedStates); // in time order, as the tiles would have been
        sealedMerged = true;
      }
      if (segment instanceof Segment.Raw raw) {
        addRaw(states, raw.range(), inputs);
      } else if (segment instanceof Segment.Tiles tiles) {
        mergeTiles(states, tiles, inputs);
      }
    }
    if (!sealedMerged) {
      aggregator.merge(states, sealedStates);
    }
    return states;
  }

  private void mergeTiles(Ir[] states, Segment.Tiles tiles, PlanInputs inputs) {
    NavigableMap<Long, Tile> byStart = inputs.tiles().get(tiles.resolutionMs());
    if (byStart != null) {
      TimeRange range = tiles.range();
      for (Tile tile : byStart.subMap(range.fromMs(), true, range.toMs(), false).values()) {
        aggregator.merge(states, tile.states());
      }
    }
  }

  private void addRaw(Ir[] states, TimeRange range, PlanInputs inputs) {
    for (Event event : inputs.rawEvents()) {
      if (range.contains(event.eventTimeMs())) {
        aggregator.add(states, event);
      }
    }
  }
}
