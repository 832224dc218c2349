package io.tessera.training.history;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The windows of one entity that reach before what the store holds ({@code horizonMs}: its oldest
 * event, or the event log's retention), folded from events: the batch source's events before the
 * horizon, except those the store holds under the same event id, then the store's event-log events
 * from the horizon on. Folded with the engine's own IRs in canonical order, the same arithmetic the
 * aggregation-service applies to the stream, so a window is exact over both sources.
 */
public final class HistoryFold {
  private final ViewSpec view;
  private final ViewAggregator aggregator;
  private final long horizonMs;
  private final TimeOrderedEvents events; // the batch part before the horizon, then the store's

  /**
   * @param batch the entity's batch-source events, canonical order
   * @param stored the store's event-log events from {@code horizonMs} on, canonical order
   */
  public HistoryFold(ViewSpec view, long horizonMs, List<Event> batch, List<Event> stored) {
    this.view = view;
    this.aggregator = new ViewAggregator(view);
    this.horizonMs = horizonMs;
    Set<String> storedIds = new HashSet<>();
    stored.forEach(event -> storedIds.add(event.eventId()));
    List<Event> all = new ArrayList<>();
    for (Event event : batch) {
      if (event.eventTimeMs() < horizonMs && !storedIds.contains(event.eventId())) {
        all.add(event);
      }
    }
    all.addAll(stored);
    this.events = new TimeOrderedEvents(all);
  }

  /**
   * Per feature and window, the values at {@code tMs} of the windows that start before the horizon;
   * windows within what the store holds are absent (the engine's read answers them).
   */
  public Map<String, Map<WindowSpec, Object>> valuesAt(long tMs) {
    Map<String, Map<WindowSpec, Object>> values = new HashMap<>();
    List<FeatureSpec> features = view.features();
    for (WindowSpec window : view.windows()) {
      long startMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
      if (startMs >= horizonMs) {
        continue;
      }
      Ir[] states = aggregator.init();
      for (Event event : events.between(startMs, tMs)) {
        aggregator.add(states, event);
      }
      for (int f = 0; f < features.size(); f++) {
        if (features.get(f).windows().contains(window)) {
          values
              .computeIfAbsent(features.get(f).name(), name -> new HashMap<>())
              .put(window, aggregator.finish(f, states[f]));
        }
      }
    }
    return values;
  }
}
