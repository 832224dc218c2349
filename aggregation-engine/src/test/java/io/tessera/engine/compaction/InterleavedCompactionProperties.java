package io.tessera.engine.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariant 2 under concurrency: a read whose store calls interleave, at random points, with the
 * writes of a compaction step (tiles absorbing pending events, coarse tiles built, tiles sealed,
 * pending deleted) never counts an event twice and never misses one.
 */
class InterleavedCompactionProperties {
  private static final EntityRef ENTITY = new EntityRef("test_view", "user-1");

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(30);
  }

  @Property(tries = 2500, edgeCases = EdgeCasesMode.NONE)
  void readsInterleavedWithCompactionNeverDoubleCountOrMiss(
      @ForAll("streams") Scenario scenario, @ForAll long seed) {
    ViewSpec view = TestView.allFunctions(scenario.resolutions());
    InterleavingStore store = new InterleavingStore(new InMemoryTileStore(), seed);
    Compactor compactor = new Compactor(view);
    ViewReader reader = new ViewReader(view);
    List<Event> accepted = new ArrayList<>();
    long clockMs = Long.MIN_VALUE;
    for (int i = 0; i < scenario.arrivals().size(); i++) {
      Scenario.Arrival a = scenario.arrivals().get(i);
      clockMs = Math.max(clockMs, a.clockMs());
      Map<String, Object> values = new HashMap<>();
      values.put(TestView.LONG_COLUMN, a.amount());
      values.put(TestView.DOUBLE_COLUMN, a.price());
      values.put(TestView.STRING_COLUMN, a.category());
      Event event = new Event(ENTITY.entityKey(), a.eventTimeMs(), a.eventId(), i, values);
      store.drain();
      if (!store.readHead(ENTITY).meta().isTooLate(event.eventTimeMs())) {
        store.append(ENTITY, event);
        accepted.add(event);
      }
      if ((i + 1) % scenario.compactEvery() == 0) {
        CompactionResult step =
            compactor.step(store, ENTITY, clockMs, clockMs - scenario.latenessMs());
        store.queue(step.writeSteps(store, ENTITY));
        long tMs = scenario.queries().get(i % scenario.queries().size()).tMs();
        assertMatchesOracle(view, reader.read(store, ENTITY, tMs), accepted);
      }
    }
  }

  private static void assertMatchesOracle(ViewSpec view, ViewValues values, List<Event> accepted) {
    List<Event> events = Oracle.deduplicate(accepted);
    long tMs = values.tMs();
    for (FeatureSpec feature : view.features()) {
      for (WindowSpec window : feature.windows()) {
        long startMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
        Object expected = Oracle.expected(feature, Oracle.inWindow(events, startMs, tMs));
        assertThat(ValueMatcher.mismatch(feature, expected, values.get(feature.name(), window)))
            .as("%s over %s at %d", feature.name(), window, tMs)
            .isNull();
      }
    }
  }
}
