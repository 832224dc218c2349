package io.tessera.engine.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * written twice has the same bytes) and reads the same values, byte for byte.
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

    SealedRows uninterruptedRows = new SealedRows(new Rollup(aggregator));
    Owner uninterrupted = new Owner(aggregator, log.latenessMs(), uninterruptedRows);
    uninterrupted.processUntil(records, beforeFinal);

    SealedRows crashingRows = new SealedRows(new Rollup(aggregator));
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
    // not estimatedBytes: a restored state may hold extra entity keys of coarse tiles (see
    // CoarseClose), which change no row and no value
    assertThat(crashing.state().openEntities()).isEqualTo(uninterrupted.state().openEntities());
    SealedPlusOpenReader reader = new SealedPlusOpenReader(aggregator);
    for (PartitionLog.Probe probe : log.probes()) {
      assertThat(values(reader, aggregator, crashing, crashingRows, probe.tMs()))
          .isEqualTo(values(reader, aggregator, uninterrupted, uninterruptedRows, probe.tMs()));
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

  /** Every entity's every window at {@code tMs}, as the hex of its encoded IRs. */
  private static List<String> values(
      SealedPlusOpenReader reader,
      ViewAggregator aggregator,
      Owner owner,
      SealedRows rows,
      long tMs) {
    TileCodec codec = new TileCodec(aggregator);
    List<String> values = new ArrayList<>();
    for (String entityKey : PartitionLog.ENTITIES) {
      for (WindowSpec window : TestView.WINDOWS) {
        Ir[] states = reader.read(owner.state(), rows, entityKey, window, tMs);
        byte[] payload = codec.encode(new Tile(new TileKey(1, 0), states, 0)).payload();
        values.add(entityKey + " " + window + " " + HexFormat.of().formatHex(payload));
      }
    }
    return values;
  }
}
