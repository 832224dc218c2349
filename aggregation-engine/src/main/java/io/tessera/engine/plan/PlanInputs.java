package io.tessera.engine.plan;

import io.tessera.engine.event.Event;
import io.tessera.engine.tile.Tile;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Everything a plan read: decoded tiles per resolution (by start), and the raw events of its edges.
 *
 * @param tiles per resolution, tiles by start time
 * @param rawEvents raw events of the raw ranges, canonical order
 */
public record PlanInputs(Map<Long, NavigableMap<Long, Tile>> tiles, List<Event> rawEvents) {

  /** The tile of {@code resolutionMs} starting at {@code startMs}, or null if none was read. */
  public Tile tile(long resolutionMs, long startMs) {
    NavigableMap<Long, Tile> byStart = tiles.get(resolutionMs);
    return byStart == null ? null : byStart.get(startMs);
  }
}
