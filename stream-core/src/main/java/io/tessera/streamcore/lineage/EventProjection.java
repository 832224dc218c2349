package io.tessera.streamcore.lineage;

import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventValues;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.records.normalized.NormalizedEvent;

/**
 * A normalized event as a lineage's open state and sealed rows keep it: only the columns the
 * lineage's features read, and no nulls (every function reads an absent column as null). The rest
 * of a wide payload would only take memory, and a lineage's features never change. Replicas and
 * backfill project alike, so a sealed row's raw events are the same bytes whichever wrote it.
 */
public final class EventProjection {
  private final String[] inputs; // each once; an array, as this runs per record

  public EventProjection(ViewAggregator aggregator) {
    this.inputs = aggregator.columns();
  }

  /**
   * The event as the lineage keeps it, read at {@code offset} ({@link Event#SEALED} for one that
   * was never on the normalized topic).
   */
  public Event event(NormalizedEvent normalized, long offset) {
    Object[] read = new Object[inputs.length];
    normalized.read(inputs, read); // one pass over the record's columns
    EventValues.Builder kept = EventValues.builder(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      if (read[i] != null) {
        kept.put(inputs[i], read[i]);
      }
    }
    return new Event(
        normalized.entityKey(),
        normalized.eventTimeMs(),
        normalized.eventId(),
        offset,
        kept.build());
  }
}
