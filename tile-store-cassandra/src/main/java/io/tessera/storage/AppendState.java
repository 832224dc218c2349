package io.tessera.storage;

import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.TileRow;
import java.util.List;

/**
 * What a writer needs to keep an entity in memory: its head, every logged event with an event time
 * at or after {@code loggedFromMs} (to de-duplicate appends without a read, to find events a crash
 * left out of the tiles, and to seal minutes without reading the log again), and the tiles it asked
 * for, to compact without a read.
 *
 * @param head pending events (rows of writers that used them) and the stored metadata
 * @param loggedFromMs {@code logged} holds every event of the log with event time at or after this;
 *     {@link Long#MIN_VALUE} when it holds the entity's whole log
 * @param logged those events (stored pending events included), in canonical order
 * @param tiles every stored tile at or after the start the writer asked for, per resolution
 */
public record AppendState(
    EntityHead head, long loggedFromMs, List<Event> logged, List<TileRow> tiles) {
  public AppendState {
    logged = List.copyOf(logged);
    tiles = List.copyOf(tiles);
  }
}
