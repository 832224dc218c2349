package io.tessera.engine.store;

import io.tessera.engine.event.Event;
import java.util.List;

/**
 * The first read of every request: the entity's pending events and its metadata, read together (one
 * partition in Cassandra). Reading it before the tiles is what keeps reads consistent while
 * compaction runs: an event missing from this snapshot was already in every tile that exists.
 *
 * @param pending events not yet known to be in every tile, in offset order
 * @param meta what the compactor has done
 */
public record EntityHead(List<Event> pending, EntityMeta meta) {
  public static final EntityHead EMPTY = new EntityHead(List.of(), EntityMeta.EMPTY);

  public EntityHead {
    pending = List.copyOf(pending);
  }
}
