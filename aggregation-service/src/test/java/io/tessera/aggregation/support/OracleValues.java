package io.tessera.aggregation.support;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import java.util.Collection;
import java.util.List;

/** The brute-force oracle's side of a comparison, shared by the store and follower oracles. */
final class OracleValues {
  private OracleValues() {}

  /** The events of {@code entityKey} that should count, once each, as the oracle takes them. */
  static List<Event> of(Collection<NormalizedEvent> accepted, String entityKey) {
    return Oracle.deduplicate(
        accepted.stream()
            .filter(e -> e.entityKey().equals(entityKey))
            .map(e -> new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), 0, e.values()))
            .toList());
  }

  /** Adds one line to {@code mismatches} per feature and window of {@code values} that differs. */
  static void compare(
      ViewSpec spec,
      String entityKey,
      List<Event> events,
      long t,
      ViewValues values,
      List<String> mismatches) {
    for (FeatureSpec feature : spec.features()) {
      for (WindowSpec window : feature.windows()) {
        long start = window.isLifetime() ? Long.MIN_VALUE : t - window.sizeMs();
        Object expected = Oracle.expected(feature, Oracle.inWindow(events, start, t));
        String problem =
            ValueMatcher.mismatch(feature, expected, values.get(feature.name(), window));
        if (problem != null) {
          mismatches.add(
              "%s %s %s at %d: %s".formatted(entityKey, feature.name(), window, t, problem));
        }
      }
    }
  }
}
