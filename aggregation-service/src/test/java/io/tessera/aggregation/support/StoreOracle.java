package io.tessera.aggregation.support;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.store.TileStore;
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
      List<Event> events = OracleValues.of(accepted, entity.entityKey());
      for (long t : times) {
        OracleValues.compare(
            spec, entity.entityKey(), events, t, reader.read(store, entity, t), mismatches);
      }
    }
    return mismatches;
  }
}
