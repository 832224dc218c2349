package io.tessera.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.util.Objects;

/**
 * Compares two reads of the same view at the same time (for example through a cache and without):
 * every value equal, doubles within {@link ValueMatcher#RELATIVE} (the same events added up in
 * another order), and every newest event time equal.
 */
public final class SameValues {
  private SameValues() {}

  public static void assertSameValues(ViewSpec view, ViewValues expected, ViewValues actual) {
    for (FeatureSpec feature : view.features()) {
      for (WindowSpec window : feature.windows()) {
        Object want = expected.get(feature.name(), window);
        Object got = actual.get(feature.name(), window);
        assertThat(same(want, got))
            .as("%s over %s at %d: %s vs %s", feature.name(), window, expected.tMs(), want, got)
            .isTrue();
        assertThat(actual.newestEventTimeMs(feature.name(), window))
            .as("newest event of %s over %s at %d", feature.name(), window, expected.tMs())
            .isEqualTo(expected.newestEventTimeMs(feature.name(), window));
      }
    }
  }

  private static boolean same(Object want, Object got) {
    if (want instanceof Double a && got instanceof Double b) {
      return a.equals(b)
          || Math.abs(a - b) <= ValueMatcher.RELATIVE * Math.max(Math.abs(a), Math.abs(b));
    }
    return Objects.equals(want, got);
  }
}
