package io.tessera.storage;

import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.Map;

/**
 * What a writer needs to keep an entity in memory: its head, the ids of every event with an event
 * time at or after {@code idsFromMs} (log and pending) with their times, to de-duplicate appends
 * without a read, and the tiles it asked for, to compact without a read.
 *
 * @param head pending events and metadata
 * @param idsFromMs the ids are complete for event times at or after this
 * @param eventTimesById event id to event time
 * @param tiles every stored tile at or after the start the writer asked for, per resolution
 */
public record AppendState(
    EntityHead head, long idsFromMs, Map<String, Long> eventTimesById, List<TileRow> tiles) {
  public AppendState {
    eventTimesById = Map.copyOf(eventTimesById);
    tiles = List.copyOf(tiles);
  }
}
