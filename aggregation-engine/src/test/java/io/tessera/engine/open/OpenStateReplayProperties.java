package io.tessera.engine.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.ViewAggregator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants 3 and 4 across takeovers: an owner that crashes at random points, each time replaced
 * by an instance restored from the last checkpoint (taken at random moments, once the writes are
 * durable) and replaying from its offset, writes the same rows as an uninterrupted run (a row
 * written twice has the same bytes) and reads the same values, byte for byte. The replay is short:
 * a checkpoint's {@code nextOffset} is the oldest event of a finest tile open at the checkpoint,
 * never earlier, however long its hour and day stay open (the coarse tiles' entities are in the
 * manifests of the store).
 */
class OpenStateReplayProperties {

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(40);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void takeoversFromCheckpointsWriteTheSameRowsAndReadTheSameValues(
      @ForAll("streams") Scenario scenario, @ForAll long seed) {
    PartitionLog log = PartitionLog.of(scenario);
    ViewAggregator aggregator = new ViewAggregator(TestView.allFunctions(scenario.resolutions()));
    List<LogRecord> records = log.records();
    int beforeFinal = records.size() - 1; // the last record is the watermark that seals all

    SealedRows uninterruptedRows = new SealedRows(aggregator);
    Owner uninterrupted = new Owner(aggregator, log.latenessMs(), uninterruptedRows);
    uninterrupted.processUntil(records, beforeFinal);

    SealedRows crashingRows = new SealedRows(aggregator);
    Owner crashing = new Owner(aggregator, log.latenessMs(), crashingRows);
    Random random = new Random(seed);
    TreeSet<Integer> crashes = new TreeSet<>();
    for (int i = random.nextInt(5); i > 0 && beforeFinal > 0; i--) {
      crashes.add(1 + random.nextInt(beforeFinal));
    }
    Owner.Checkpoint checkpoint = null;
    int restoredMidway = 0;
    for (int crashAt : crashes) {
      while (crashing.position() < crashAt) {
        crashing.process(records.get((int) crashing.position()));
        if (random.nextInt(8) == 0) {
          checkpoint = crashing.checkpoint();
          assertThat(checkpoint.nextOffset())
              .as("nextOffset at position %d", crashing.position())
              .isEqualTo(oldestOpenFinestEvent(records, crashing));
        }
      }
      crashing.takeOver(checkpoint);
      restoredMidway +=
          checkpoint != null && checkpoint.progress().sealedBeforeMs() != OpenState.NO_TIME ? 1 : 0;
    }
    crashing.processUntil(records, beforeFinal);

    assertThat(crashing.state().progress(Owner.VIEW, 1))
        .isEqualTo(uninterrupted.state().progress(Owner.VIEW, 1));
    assertThat(crashing.state().openTiles()).isEqualTo(uninterrupted.state().openTiles());
    // not estimatedBytes: a restored state may hold an extra coarse tile start (see CoarseClose),
    // which changes no row and no value
    assertThat(crashing.state().openEntities()).isEqualTo(uninterrupted.state().openEntities());
    SealedPlusOpenReader reader = new SealedPlusOpenReader(aggregator);
    for (PartitionLog.Probe probe : log.probes()) {
      assertThat(reader.encodedValues(crashing.state(), crashingRows, probe.tMs()))
          .isEqualTo(reader.encodedValues(uninterrupted.state(), uninterruptedRows, probe.tMs()));
    }

    crashing.processUntil(records, records.size());
    uninterrupted.processUntil(records, records.size());
    assertThat(crashingRows.minutes()).isEqualTo(uninterruptedRows.minutes());
    assertThat(crashingRows.coarseRows()).isEqualTo(uninterruptedRows.coarseRows());
    Statistics.label("restored from a checkpoint with sealed tiles")
        .collect(restoredMidway > 0)
        .coverage(c -> c.check(true).percentage(p -> p >= 25));
    Statistics.label("a replay rewrote rows")
        .collect(crashingRows.rowsRewritten() > 0)
        .coverage(c -> c.check(true).percentage(p -> p >= 10));
  }

  /**
   * The offset of the first event record read so far whose time is at or after the seal point (so
   * it was applied, or is a duplicate of an applied one, and sits in an open finest tile), or the
   * position when there is none: where a replay must start, computed from the log alone.
   */
  private static long oldestOpenFinestEvent(List<LogRecord> records, Owner owner) {
    long sealedBeforeMs = owner.state().sealedBeforeMs();
    for (LogRecord record : records.subList(0, (int) owner.position())) {
      if (record instanceof LogRecord.EventRecord event
          && event.event().eventTimeMs() >= sealedBeforeMs) {
        return record.offset();
      }
    }
    return owner.position();
  }
}
