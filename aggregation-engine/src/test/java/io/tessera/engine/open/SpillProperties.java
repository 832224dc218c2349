package io.tessera.engine.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.ViewAggregator;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariant 9 changes where events wait, never what is decided: an owner whose budget is so small
 * that it spills at random moments (down to after every event) decides every record as one that
 * never spills, writes byte-identical rows and reads byte-identical values at every probe, and
 * holds less; once everything sealed it holds no spilled bytes, and a released state gives back all
 * it held.
 */
class SpillProperties {
  private static final Path SPILL_DIRECTORY =
      Path.of(System.getProperty("java.io.tmpdir"), "tessera-spill-properties");

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(80);
  }

  @Provide
  Arbitrary<Long> budgets() {
    // open events are compact records (tens of bytes each): budgets past a few kilobytes would
    // rarely make these short streams spill
    return Arbitraries.longs().between(1, 4_000);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void spillingDecidesWritesAndReadsTheSameAsHoldingEverything(
      @ForAll("streams") Scenario scenario, @ForAll("budgets") long budgetBytes) {
    PartitionLog log = PartitionLog.of(scenario);
    ViewAggregator aggregator = new ViewAggregator(TestView.allFunctions(scenario.resolutions()));
    SealedRows heldRows = new SealedRows(aggregator);
    Owner holding = new Owner(aggregator, log.latenessMs(), heldRows);
    SealedRows spilledRows = new SealedRows(aggregator);
    OpenStateBudget budget = OpenStateBudget.of(budgetBytes, SPILL_DIRECTORY);
    Owner spilling = new Owner(aggregator, log.latenessMs(), spilledRows, budget);
    SealedPlusOpenReader reader = new SealedPlusOpenReader(aggregator);
    long mostSpilled = 0;

    List<LogRecord> records = log.records();
    for (int i = 0; i <= records.size(); i++) {
      for (PartitionLog.Probe probe : log.probes()) {
        if (probe.afterRecords() == i) {
          assertThat(reader.encodedValues(spilling.state(), spilledRows, probe.tMs()))
              .isEqualTo(reader.encodedValues(holding.state(), heldRows, probe.tMs()));
        }
      }
      if (i < records.size()) {
        LogRecord record = records.get(i);
        assertThat(spilling.process(record)).as("%s", record).isEqualTo(holding.process(record));
        assertThat(spilling.state().estimatedBytes())
            .isLessThanOrEqualTo(holding.state().estimatedBytes() + idHashAllowance(holding));
        assertThat(budget.heldBytes()).isEqualTo(tileBytes(spilling.state()));
        mostSpilled = Math.max(mostSpilled, budget.spilledBytes());
      }
    }
    assertThat(spilledRows.minutes()).isEqualTo(heldRows.minutes());
    assertThat(spilledRows.coarseRows()).isEqualTo(heldRows.coarseRows());
    assertThat(spilling.state().openTiles()).as("the last watermark seals all").isZero();
    assertThat(budget.spilledBytes()).isZero();
    spilling.state().release();
    assertThat(budget.heldBytes()).isZero();
    Statistics.label("spilled")
        .collect(mostSpilled > 0)
        // a tile spills only where that frees more than its segment costs (a few events at least),
        // so 9-14% of these short streams spill (25-35% before open records named their columns
        // by index: smaller records, fewer tiles worth a segment), varying with the seed; the
        // floor only guards against a change that stops spilling altogether, so it sits far below
        // that (9 of 300 tries)
        .coverage(c -> c.check(true).percentage(p -> p >= 3));
  }

  /** Spilled tiles keep id hashes that a held tile has not: at most a small table per tile. */
  private static long idHashAllowance(Owner owner) {
    return 256L * owner.state().openTiles();
  }

  /** What the state reports to the budget: its tiles, not its coarse starts. */
  private static long tileBytes(OpenState state) {
    return state.estimatedBytes() - state.coarseEstimatedBytes();
  }
}
