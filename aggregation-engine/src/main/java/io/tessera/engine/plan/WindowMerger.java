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

  /** The IRs of one window: its segments in time order. */
  public Ir[] mergeWindow(WindowPlan window, PlanInputs inputs) {
    return mergeWindow(window, null, null, inputs);
  }

  /**
   * The IRs of one window whose sealed prefix is already merged: {@code sealedStates} (not
   * modified) in place of the prefix's tiles, the rest of the plan as usual.
   */
  public Ir[] mergeWindow(SealedPrefix prefix, Ir[] sealedStates, PlanInputs inputs) {
    return mergeWindow(prefix.rest(), prefix.range(), sealedStates, inputs);
  }

  /** The tiles of {@code segments} merged, in order, into fresh IRs: a sealed prefix's state. */
  public Ir[] mergeTiles(List<Segment.Tiles> segments, PlanInputs inputs) {
    Ir[] states = aggregator.init();
    for (Segment.Tiles segment : segments) {
      mergeTiles(states, segment, inputs);
    }
    return states;
  }

  private Ir[] mergeWindow(
      WindowPlan window, TimeRange sealedRange, Ir[] sealedStates, PlanInputs inputs) {
    Ir[] states = aggregator.init();
    boolean sealedMerged = sealedStates == null;
    for (Segment segment : window.segments()) {
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
