package io.tessera.aggregation.support;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Values read from the store through the engine's read plan, compared with the brute-force oracle
 * over the events that should count: every feature, every window, at every query time.
 */
public final class StoreOracle {
  private StoreOracle() {}

  /** One line per value that differs from the oracle; empty when all are exact. */
  public static List<String> mismatches(
      TileStore store,
      ViewSpec spec,
      Collection<EntityRef> entities,
      Collection<NormalizedEvent> accepted,
      List<Long> times) {
    ViewReader reader = new ViewReader(spec);
    List<String> mismatches = new ArrayList<>();
    for (EntityRef entity : entities) {
      List<Event> events =
          Oracle.deduplicate(
              accepted.stream()
                  .filter(e -> e.entityKey().equals(entity.entityKey()))
                  .map(e -> new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), 0, e.values()))
                  .toList());
      for (long t : times) {
        ViewValues values = reader.read(store, entity, t);
        for (FeatureSpec feature : spec.features()) {
          for (WindowSpec window : feature.windows()) {
            long start = window.isLifetime() ? Long.MIN_VALUE : t - window.sizeMs();
            Object expected = Oracle.expected(feature, Oracle.inWindow(events, start, t));
            String problem =
                ValueMatcher.mismatch(feature, expected, values.get(feature.name(), window));
            if (problem != null) {
              mismatches.add(
                  entity.entityKey()
                      + " "
                      + feature.name()
                      + " "
                      + window
                      + " at "
                      + t
                      + ": "
                      + problem);
            }
          }
        }
      }
    }
    return mismatches;
  }
}
