package io.tessera.engine.open;

import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One entity's open finest tiles, by start, and the ids of the events in them. The id index only
 * answers "already applied?" (never iterated), so its hash order cannot leak into any value.
 */
final class OpenEntity {
  private final NavigableMap<Long, OpenTile> tiles = new TreeMap<>();
  private final Map<String, Event> byId = new HashMap<>();

  /** The applied delivery of {@code eventId} in an open tile, or null. */
  Event applied(String eventId) {
    return byId.get(eventId);
  }

  /** The open tile starting at {@code startMs}, or null. */
  OpenTile tile(long startMs) {
    return tiles.get(startMs);
  }

  /** Opens the (empty) tile {@code key}. */
  OpenTile open(TileKey key) {
    OpenTile tile = new OpenTile(key);
    tiles.put(key.startMs(), tile);
    return tile;
  }

  /** Adds a new (not yet applied) event to its open {@code tile}. */
  void add(OpenTile tile, Event event, ViewAggregator aggregator) {
    tile.add(event, aggregator);
    byId.put(event.eventId(), event);
  }

  /** Removes and returns the tile starting at {@code startMs}, forgetting its ids. */
  OpenTile remove(long startMs) {
    OpenTile tile = tiles.remove(startMs);
    for (Event event : tile.events()) {
      byId.remove(event.eventId());
    }
    return tile;
  }

  boolean isEmpty() {
    return tiles.isEmpty();
  }

  int tileCount() {
    return tiles.size();
  }

  Iterable<OpenTile> tiles() {
    return tiles.values();
  }

  /** Folds the events with {@code fromMs <= time < toMs} into {@code into}, tiles in time order. */
  void foldInto(Ir[] into, long fromMs, long toMs, long finestMs, ViewAggregator aggregator) {
    if (fromMs >= toMs) {
      return;
    }
    // a lifetime read starts at Long.MIN_VALUE, whose floor would wrap around
    long firstStartMs =
        fromMs <= Long.MIN_VALUE + finestMs ? Long.MIN_VALUE : Tiling.floor(fromMs, finestMs);
    Iterator<OpenTile> it = tiles.subMap(firstStartMs, true, toMs, false).values().iterator();
    while (it.hasNext()) {
      it.next().foldInto(into, fromMs, toMs, aggregator);
    }
  }

  /** The newest event time in the open tiles, or {@link Ir#NO_EVENT_MS}. */
  long newestEventTimeMs() {
    return tiles.isEmpty() ? Ir.NO_EVENT_MS : tiles.lastEntry().getValue().newestEventTimeMs();
  }
}
