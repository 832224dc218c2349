package io.tessera.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.compaction.Compactor;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewestEventTimeTest {
  private static final EntityRef ENTITY = new EntityRef("v", "u1");
  private static final WindowSpec MINUTE = WindowSpec.ofSize(Duration.ofMinutes(1));
  private static final WindowSpec DAY = WindowSpec.ofSize(Duration.ofDays(1));
  private static final long T0 = 1_773_100_800_000L; // a day boundary

  @Test
  void reportsTheNewestEventInsideEachWindowFromTilesAndPending() {
    ViewSpec view =
        new ViewSpec(
            "v",
            List.of(
                FeatureSpec.of("n", AggregationKind.COUNT, null, null, null, List.of(MINUTE, DAY))),
            TileResolutions.DEFAULT);
    InMemoryTileStore store = new InMemoryTileStore();
    store.append(ENTITY, new Event("u1", T0 + 1_000, "a", 0, Map.of()));
    store.append(ENTITY, new Event("u1", T0 + 7_200_000, "b", 1, Map.of()));
    new Compactor(view).step(store, ENTITY, T0 + 3_600_000, T0).apply(store, ENTITY);
    store.append(ENTITY, new Event("u1", T0 + 7_230_000, "c", 2, Map.of()));

    ViewValues atLater = new ViewReader(view).read(store, ENTITY, T0 + 7_240_000);
    ViewValues beforeC = new ViewReader(view).read(store, ENTITY, T0 + 7_230_000);
    ViewValues later = new ViewReader(view).read(store, ENTITY, T0 + 9_000_000);

    assertThat(atLater.newestEventTimeMs("n", DAY)).isEqualTo(T0 + 7_230_000);
    assertThat(atLater.newestEventTimeMs("n", MINUTE)).isEqualTo(T0 + 7_230_000);
    assertThat(beforeC.newestEventTimeMs("n", DAY)).isEqualTo(T0 + 7_200_000);
    assertThat(later.newestEventTimeMs("n", MINUTE)).isEqualTo(Ir.NO_EVENT_MS);
    assertThat(later.get("n", MINUTE)).isEqualTo(0L);
  }
}
