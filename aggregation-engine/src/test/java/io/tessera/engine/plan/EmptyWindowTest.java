package io.tessera.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.function.CapExceeded;
import io.tessera.engine.function.FunctionParams;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmptyWindowTest {
  private static final EntityRef ENTITY = new EntityRef("test_view", "nobody");
  private static final WindowSpec HOUR = WindowSpec.ofSize(Duration.ofHours(1));

  @Test
  void givesEachFunctionsEmptyValueForAnEntityWithoutEvents() {
    ViewSpec view = TestView.allFunctions(TileResolutions.DEFAULT);
    ViewValues values = new ViewReader(view).read(new InMemoryTileStore(), ENTITY, 1_000_000);

    assertThat(values.get("count", HOUR)).isEqualTo(0L);
    assertThat(values.get("distinct_amount", HOUR)).isEqualTo(0L);
    assertThat(values.get("approx_distinct", HOUR)).isEqualTo(0L);
    assertThat(values.get("first_3", HOUR)).isEqualTo(List.of());
    assertThat(values.get("last_distinct_3", WindowSpec.lifetime())).isEqualTo(List.of());
    for (String name :
        List.of("sum_amount", "mean_price", "min_amount", "last_amount", "var_samp", "p90")) {
      assertThat(values.get(name, HOUR)).as(name).isNull();
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

    ViewValues values = new ViewReader(view).read(new InMemoryTileStore(), ENTITY, 1_000_000);

    assertThat(values.get("sum", HOUR)).isEqualTo(0L);
  }

  @Test
  void countsAnEventExactlyAtWindowStartOnceAndExcludesOneExactlyAtT() {
    FeatureSpec count =
        FeatureSpec.of(
            "count", AggregationKind.COUNT, FunctionParams.NONE, null, null, List.of(HOUR));
    ViewSpec view = new ViewSpec("v", List.of(count), TileResolutions.DEFAULT);
    InMemoryTileStore store = new InMemoryTileStore();
    long t = 7_200_000 + 1_234;
    store.append(ENTITY, new Event("nobody", t - 3_600_000, "start", 1, Map.of()));
    store.append(ENTITY, new Event("nobody", t, "end", 2, Map.of()));

    assertThat(new ViewReader(view).read(store, ENTITY, t).get("count", HOUR)).isEqualTo(1L);
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
    InMemoryTileStore store = new InMemoryTileStore();
    for (int i = 0; i < 3; i++) {
      store.append(ENTITY, new Event("nobody", 1_000 + i, "e" + i, i, Map.of("s", "v" + i)));
    }

    Object value = new ViewReader(view).read(store, ENTITY, 10_000).get("d", HOUR);

    assertThat(value).isEqualTo(new CapExceeded(2));
    assertThat(value).hasToString(">2");
  }
}
