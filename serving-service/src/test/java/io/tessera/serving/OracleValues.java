package io.tessera.serving;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Served values against the brute-force {@link Oracle} over the events the owner applied: a vector
 * of every feature of a view, each feature's windows in definition order, must equal the oracle's
 * values of the entity at {@code t}. A missing value and an empty window's default count as 0.
 */
final class OracleValues {
  private OracleValues() {}

  /**
   * What differs between {@code served} (the {@code values} of one result) and the oracle, one line
   * per value; empty when all agree.
   */
  static List<String> mismatches(
      ViewSpec view, List<Event> applied, String entityKey, long tMs, JsonNode served) {
    List<Event> mine =
        Oracle.deduplicate(applied.stream().filter(e -> e.entityKey().equals(entityKey)).toList());
    List<String> mismatches = new ArrayList<>();
    int v = 0;
    for (FeatureSpec feature : view.features()) {
      for (WindowSpec window : feature.windows()) {
        long fromMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
        Object expected = Oracle.expected(feature, Oracle.inWindow(mine, fromMs, tMs));
        JsonNode actual = served.get(v++).get("value");
        double want = expected == null ? 0.0 : ((Number) expected).doubleValue();
        double got = actual == null || actual.isNull() ? 0.0 : actual.asDouble();
        if (Math.abs(want - got) > 1e-6 * Math.max(1, Math.abs(want))) {
          mismatches.add(
              entityKey
                  + " "
                  + feature.name()
                  + ":"
                  + window
                  + " at "
                  + tMs
                  + ": "
                  + got
                  + ", expected "
                  + want);
        }
      }
    }
    return mismatches;
  }
}
