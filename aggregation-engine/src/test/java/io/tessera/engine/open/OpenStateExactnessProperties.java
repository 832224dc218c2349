package io.tessera.engine.open;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
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
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants 1, 2 and 4 for the open state: on random partitions (duplicates, events out of order
 * within the lateness and beyond it, on tile boundaries, interleaved with watermarks), every
 * window's value read as sealed rows plus the open state equals the brute-force oracle over the
 * de-duplicated applied events, at probe times on and around the seal point and at both window
 * edges; and each event's outcome is the one a naive model of the rules predicts.
 */
class OpenStateExactnessProperties {

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(40);
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void sealedRowsPlusOpenStateEqualTheOracleAtEveryProbe(@ForAll("streams") Scenario scenario) {
    PartitionLog log = PartitionLog.of(scenario);
    ViewSpec view = TestView.allFunctions(scenario.resolutions());
    ViewAggregator aggregator = new ViewAggregator(view);
    SealedRows rows = new SealedRows(aggregator);
    Owner owner = new Owner(aggregator, log.latenessMs(), rows);
    SealedPlusOpenReader reader = new SealedPlusOpenReader(aggregator);
    NaiveRules rules = new NaiveRules(log.latenessMs(), new Tiling(view.resolutions()).finestMs());
    boolean mixed = false;
    for (int i = 0; i <= log.records().size(); i++) {
      for (PartitionLog.Probe probe : log.probes()) {
        if (probe.afterRecords() == i) {
          OpenState state = owner.state();
          mixed |= state.sealedBeforeMs() != OpenState.NO_TIME && state.openTiles() > 0;
          List<Long> times = new ArrayList<>(List.of(probe.tMs()));
          if (state.sealedBeforeMs() != OpenState.NO_TIME) {
            times.addAll(List.of(state.sealedBeforeMs(), state.sealedBeforeMs() + 1));
          }
          for (long tMs : times) {
            assertExact(owner, rows, reader, view, aggregator, tMs);
          }
        }
      }
      if (i < log.records().size()) {
        LogRecord record = log.records().get(i);
        ApplyResult result = owner.process(record);
        assertThat(outcome(result)).as("outcome of %s", record).isEqualTo(rules.next(record));
      }
    }
    Statistics.label("probed with sealed rows and open tiles")
        .collect(mixed)
        .coverage(c -> c.check(true).percentage(p -> p >= 30));
  }

  private static void assertExact(
      Owner owner,
      SealedRows rows,
      SealedPlusOpenReader reader,
      ViewSpec view,
      ViewAggregator aggregator,
      long tMs) {
    Map<String, List<Event>> appliedByEntity = new HashMap<>();
    for (Event event : Oracle.deduplicate(owner.applied())) {
      appliedByEntity.computeIfAbsent(event.entityKey(), key -> new ArrayList<>()).add(event);
    }
    List<String> mismatches = new ArrayList<>();
    for (String entityKey : PartitionLog.ENTITIES) {
      List<Event> applied = appliedByEntity.getOrDefault(entityKey, List.of());
      for (WindowSpec window : TestView.WINDOWS) {
        Ir[] states = reader.read(owner.state(), rows, entityKey, window, tMs);
        long startMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
        List<Event> inWindow = Oracle.inWindow(applied, startMs, tMs);
        for (int f = 0; f < view.features().size(); f++) {
          FeatureSpec feature = view.features().get(f);
          Object expected = Oracle.expected(feature, inWindow);
          String problem =
              ValueMatcher.mismatch(feature, expected, aggregator.finish(f, states[f]));
          if (problem != null) {
            mismatches.add(entityKey + " " + feature.name() + " over " + window + ": " + problem);
          }
        }
      }
    }
    assertThat(mismatches)
        .as("at t=%d, sealed before %d", tMs, owner.state().sealedBeforeMs())
        .isEmpty();
  }

  private static String outcome(ApplyResult result) {
    return result == null ? "watermark" : result.getClass().getSimpleName();
  }

  /**
   * The rules restated naively, sharing no code with the open state: an event is a duplicate when
   * an earlier applied event of the entity with its id is in a tile not sealed yet, else too late
   * when its time is before the seal point, the finest boundary at or before watermark - lateness.
   */
  private static final class NaiveRules {
    private final long latenessMs;
    private final long finestMs;
    private final List<Event> applied = new ArrayList<>();
    private long sealedBeforeMs = Long.MIN_VALUE;

    NaiveRules(long latenessMs, long finestMs) {
      this.latenessMs = latenessMs;
      this.finestMs = finestMs;
    }

    String next(LogRecord record) {
      if (record instanceof LogRecord.WatermarkRecord watermark) {
        long point = Math.floorDiv(watermark.watermarkMs() - latenessMs, finestMs) * finestMs;
        sealedBeforeMs = Math.max(sealedBeforeMs, point);
        return "watermark";
      }
      Event event = ((LogRecord.EventRecord) record).event();
      for (Event earlier : applied) {
        if (earlier.entityKey().equals(event.entityKey())
            && earlier.eventId().equals(event.eventId())
            && earlier.eventTimeMs() >= sealedBeforeMs) {
          return "Duplicate";
        }
      }
      if (event.eventTimeMs() < sealedBeforeMs) {
        return "TooLate";
      }
      applied.add(event);
      return "Applied";
    }
  }
}
