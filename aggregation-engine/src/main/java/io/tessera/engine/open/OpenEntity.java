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
 * One entity's open finest tiles, by start, and the ids of the events in them that memory holds
 * (the tiles hold the hashes of those they spilled). The id index only answers "already applied?"
 * (never iterated), so its hash order cannot leak into any value.
 */
final class OpenEntity {
  private final NavigableMap<Long, OpenTile> tiles = new TreeMap<>();
  private final Map<String, Event> byId = new HashMap<>();
  private int spilledTiles;

  /** The applied delivery of {@code eventId} in an open tile, or null. */
  Event applied(String eventId) {
    Event inMemory = byId.get(eventId);
    if (inMemory != null || spilledTiles == 0) {
      return inMemory;
    }
    long hash = SpilledIds.hash(eventId);
    for (OpenTile tile : tiles.values()) {
      Event spilled = tile.spilledEvent(eventId, hash);
      if (spilled != null) {
        return spilled;
      }
    }
    return null;
  }

  /** The open tile starting at {@code startMs}, or null. */
  OpenTile tile(long startMs) {
    return tiles.get(startMs);
  }

  /** Opens the (empty) tile {@code key} of the entity {@code entityKey} (this one). */
  OpenTile open(String entityKey, TileKey key) {
    OpenTile tile = new OpenTile(entityKey, key);
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
    forgetInMemoryIds(tile);
    if (tile.hasSpilled()) {
      spilledTiles--;
    }
    return tile;
  }

  /** Spills the events {@code tile} holds in memory to {@code spill}; returns the heap freed. */
  long spill(OpenTile tile, EventSpill spill) {
    if (tile.inMemory().isEmpty()) {
      return 0;
    }
    if (!tile.hasSpilled()) {
      spilledTiles++;
    }
    forgetInMemoryIds(tile);
    return tile.spill(spill);
  }

  private void forgetInMemoryIds(OpenTile tile) {
    for (Event event : tile.inMemory()) {
      byId.remove(event.eventId());
    }
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
