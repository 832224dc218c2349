package io.tessera.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.StreamSimulator;
import io.tessera.engine.testing.StreamSimulator.QueryOutcome;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants 1, 2 and 6 against a brute-force oracle: for random streams and query times, plan +
 * merge over tiles, pending and edge events equals a plain loop over the de-duplicated events, for
 * every function and window kind, while reading few raw rows.
 */
class ExactWindowProperties {

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(40);
  }

  @Property(tries = 5000, edgeCases = EdgeCasesMode.NONE)
  void planAndMergeEqualTheOracleForEveryFunctionAndWindow(@ForAll("streams") Scenario scenario) {
    List<QueryOutcome> outcomes = new StreamSimulator(scenario, new InMemoryTileStore()).run();
    boolean dayTiles = outcomes.stream().anyMatch(QueryOutcome::usedDayTiles);
    boolean boundary = outcomes.stream().anyMatch(QueryOutcome::exactBoundary);
    Statistics.label("day tiles")
        .collect(dayTiles)
        .coverage(c -> c.check(true).percentage(p -> p >= 30));
    Statistics.label("exact boundary")
        .collect(boundary)
        .coverage(c -> c.check(true).percentage(p -> p >= 30));
    for (QueryOutcome outcome : outcomes) {
      assertThat(outcome.mismatches()).as("at t=%d", outcome.tMs()).isEmpty();
      assertThat(outcome.rawEventsRead()).isLessThanOrEqualTo(outcome.rawEventBound());
    }
  }
}
