package io.tessera.streamcore.read;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.List;

/** Compares a read's values with the brute-force oracle over the events a replica applied. */
public final class OracleCheck {
  private OracleCheck() {}

  /**
   * Every feature and window of {@code view} whose value at {@code tMs} differs from the oracle's
   * over {@code applied} (de-duplicated here), described; also the newest event time of {@code
   * count}, which every event contributes to.
   */
  public static List<String> mismatches(
      ViewSpec view, ViewValues values, List<Event> applied, long tMs) {
    List<Event> events = Oracle.deduplicate(applied);
    List<String> mismatches = new ArrayList<>();
    for (FeatureSpec feature : view.features()) {
      for (WindowSpec window : feature.windows()) {
        long fromMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
        List<Event> inWindow = Oracle.inWindow(events, fromMs, tMs);
        String problem =
            ValueMatcher.mismatch(
                feature, Oracle.expected(feature, inWindow), values.get(feature.name(), window));
        long newestMs =
            inWindow.isEmpty() ? Ir.NO_EVENT_MS : inWindow.get(inWindow.size() - 1).eventTimeMs();
        if (problem == null
            && feature.column() == null
            && values.newestEventTimeMs(feature.name(), window) != newestMs) {
          problem =
              "newest event time "
                  + values.newestEventTimeMs(feature.name(), window)
                  + ", expected "
                  + newestMs;
        }
        if (problem != null) {
          mismatches.add(feature.name() + " over " + window + " at " + tMs + ": " + problem);
        }
      }
    }
    return mismatches;
  }
}
