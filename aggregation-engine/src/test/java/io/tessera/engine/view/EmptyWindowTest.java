package io.tessera.engine.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.function.CapExceeded;
import io.tessera.engine.function.FunctionParams;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.TestView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a window without events answers: each function's empty value (0, an empty list, or null),
 * the feature's default in place of a null, and a distinct count over its cap as such. The reader
 * finishes every window through {@link ViewAggregator#finish}, so these hold for every read.
 */
class EmptyWindowTest {
  private static final WindowSpec HOUR = WindowSpec.ofSize(Duration.ofHours(1));

  /** The value of {@code feature} over {@code events} (in a window of their own). */
  private static Object value(ViewSpec view, String feature, List<Event> events) {
    ViewAggregator aggregator = new ViewAggregator(view);
    Ir[] states = aggregator.init();
    events.forEach(event -> aggregator.add(states, event));
    for (int i = 0; i < view.features().size(); i++) {
      if (view.features().get(i).name().equals(feature)) {
        return aggregator.finish(i, states[i]);
      }
    }
    throw new IllegalArgumentException(feature);
  }

  @Test
  void givesEachFunctionsEmptyValueForAnEntityWithoutEvents() {
    ViewSpec view = TestView.allFunctions(TileResolutions.DEFAULT);

    assertThat(value(view, "count", List.of())).isEqualTo(0L);
    assertThat(value(view, "distinct_amount", List.of())).isEqualTo(0L);
    assertThat(value(view, "approx_distinct", List.of())).isEqualTo(0L);
    assertThat(value(view, "first_3", List.of())).isEqualTo(List.of());
    assertThat(value(view, "last_distinct_3", List.of())).isEqualTo(List.of());
    for (String name :
        List.of("sum_amount", "mean_price", "min_amount", "last_amount", "var_samp", "p90")) {
      assertThat(value(view, name, List.of())).as(name).isNull();
    }
  }

  @Test
  void replacesAnEmptyNullByTheFeaturesDefault() {
    FeatureSpec sum =
        new FeatureSpec(
            "sum",
            AggregationKind.SUM,
            FunctionParams.NONE,
            "amount",
            ValueType.LONG,
            List.of(HOUR),
            0L);
    ViewSpec view = new ViewSpec("v", List.of(sum), TileResolutions.DEFAULT);

    assertThat(value(view, "sum", List.of())).isEqualTo(0L);
  }

  @Test
  void reportsCountDistinctOverItsCapClearly() {
    FeatureSpec distinct =
        FeatureSpec.of(
            "d",
            AggregationKind.COUNT_DISTINCT,
            FunctionParams.ofCap(2),
            "s",
            ValueType.STRING,
            List.of(HOUR));
    ViewSpec view = new ViewSpec("v", List.of(distinct), TileResolutions.DEFAULT);
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(new Event("nobody", 1_000 + i, "e" + i, i, Map.of("s", "v" + i)));
    }

    Object value = value(view, "d", events);

    assertThat(value).isEqualTo(new CapExceeded(2));
    assertThat(value).hasToString(">2");
  }
}
