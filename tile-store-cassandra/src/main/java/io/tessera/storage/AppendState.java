package io.tessera.storage;

import io.tessera.engine.store.EntityHead;
import java.util.Map;

/**
 * What a writer needs to de-duplicate an entity's appends from memory: its head, and the ids of
 * every event with an event time at or after {@code idsFromMs} (log and pending), with their times.
 *
 * @param head pending events and metadata
 * @param idsFromMs the ids are complete for event times at or after this
 * @param eventTimesById event id to event time
 */
public record AppendState(EntityHead head, long idsFromMs, Map<String, Long> eventTimesById) {
  public AppendState {
    eventTimesById = Map.copyOf(eventTimesById);
  }
}
