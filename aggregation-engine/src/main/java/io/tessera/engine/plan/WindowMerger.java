package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Merges what a plan read into one IR array per window: tiles of each tile segment, raw events of
 * each raw segment, the tail, and every pending event of the window that the tile covering its time
 * does not contain yet (by offset; invariant 2). A pending event in a raw span is skipped: the raw
 * read already has it.
 */
public final class WindowMerger {
  private final ViewAggregator aggregator;
  private final long finestMs;

  public WindowMerger(ViewAggregator aggregator, Tiling tiling) {
    this.aggregator = aggregator;
    this.finestMs = tiling.finestMs();
  }

  public Map<WindowSpec, Ir[]> merge(ReadPlan plan, PlanInputs inputs) {
    Map<WindowSpec, Ir[]> result = new LinkedHashMap<>();
    for (WindowPlan window : plan.windows()) {
      result.put(window.window(), mergeWindow(window, inputs));
    }
    return result;
  }

  private Ir[] mergeWindow(WindowPlan window, PlanInputs inputs) {
    Ir[] states = aggregator.init();
    for (Segment segment : window.segments()) {
      if (segment instanceof Segment.Raw raw) {
        addRaw(states, raw.range(), inputs);
      } else if (segment instanceof Segment.Tiles tiles) {
        NavigableMap<Long, Tile> byStart = inputs.tiles().get(tiles.resolutionMs());
        if (byStart != null) {
          TimeRange range = tiles.range();
          for (Tile tile : byStart.subMap(range.fromMs(), true, range.toMs(), false).values()) {
            aggregator.merge(states, tile.states());
          }
        }
      } else if (segment instanceof Segment.Tail tail) {
        if (inputs.tailRaw()) {
          addRaw(states, tail.range(), inputs);
        } else {
          Tile tile = inputs.tile(finestMs, tail.tileStartMs());
          if (tile != null) {
            aggregator.merge(states, tile.states());
          }
        }
      }
    }
    for (Event event : inputs.head().pending()) {
      if (window.contains(event.eventTimeMs()) && notYetIn(window, event, inputs)) {
        aggregator.add(states, event);
      }
    }
    return states;
  }

  private void addRaw(Ir[] states, TimeRange range, PlanInputs inputs) {
    for (Event event : inputs.rawEvents()) {
      if (range.contains(event.eventTimeMs())) {
        aggregator.add(states, event);
      }
    }
  }

  /** Whether the plan's source for this event's time lacks it, so pending must supply it. */
  private boolean notYetIn(WindowPlan window, Event event, PlanInputs inputs) {
    Segment segment = window.segmentAt(event.eventTimeMs());
    Tile tile;
    if (segment == null) {
      return true; // before a lifetime window's first tile: nothing else has it
    } else if (segment instanceof Segment.Raw) {
      return false;
    } else if (segment instanceof Segment.Tiles tiles) {
      long resolutionMs = tiles.resolutionMs();
      tile = inputs.tile(resolutionMs, Tiling.floor(event.eventTimeMs(), resolutionMs));
    } else {
      if (inputs.tailRaw()) {
        return false;
      }
      tile = inputs.tile(finestMs, ((Segment.Tail) segment).tileStartMs());
    }
    return tile == null || tile.coveredOffset() < event.offset();
  }
}
