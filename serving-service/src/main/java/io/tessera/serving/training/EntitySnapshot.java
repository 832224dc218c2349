package io.tessera.serving.training;

import io.tessera.engine.event.Event;
import io.tessera.engine.plan.DecodedReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the store held for one (entity, view) over the ranges a sweep's plans read: the head, tiles
 * per resolution (each decoded once, here, not once per spine row) and event-log events. It is the
 * same data serving would read (head first, like serving), so the engine's reader over it gives
 * serving's values. The loader reads every range the plans of the group's times touch; a plan
 * outside them would see no tiles, which is why only the loader builds snapshots.
 */
final class EntitySnapshot implements DecodedReads {
  private final EntityHead head;
  private final Map<Long, NavigableMap<Long, Tile>> tiles = new HashMap<>();
  private final TimeOrderedEvents events;

  EntitySnapshot(
      EntityHead head, Map<Long, List<TileRow>> tileRows, List<Event> events, TileCodec codec) {
    this.head = head;
    tileRows.forEach(
        (resolutionMs, rows) -> {
          NavigableMap<Long, Tile> byStart = new TreeMap<>();
          rows.forEach(row -> byStart.put(row.key().startMs(), codec.decode(row)));
          tiles.put(resolutionMs, byStart);
        });
    this.events = new TimeOrderedEvents(events);
  }

  @Override
  public EntityHead head() {
    return head;
  }

  @Override
  public Map<Long, NavigableMap<Long, Tile>> tiles() {
    return tiles;
  }

  @Override
  public List<Event> events(long fromMs, long toMs) {
    return events.between(fromMs, toMs);
  }
}
