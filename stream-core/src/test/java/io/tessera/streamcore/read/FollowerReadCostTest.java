package io.tessera.streamcore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a follower's read costs (invariant 6): store range reads per request are bounded by windows
 * times resolutions and do not grow with events, raw events are read only for a window's partial
 * finest tile, and nothing at or after the durable seal point is read.
 */
class FollowerReadCostTest {
  private static final long MINUTE = FollowedLog.MINUTE;
  private static final long T0 = FollowedLog.T0;
  private static final long END = FollowedLog.END;
  private static final String VIEW = FollowedLog.VIEW;
  private static final String ENTITY = FollowedLog.ENTITY;
  private static final ViewSpec SPEC = FollowedLog.SPEC;
  private static final int LEVELS = 3;

  private final FollowerViewReader reader = new FollowerViewReader(SPEC);

  @Test
  void rangeReadsPerRequestAreBoundedByWindowsTimesResolutionsNotByEvents() {
    FollowedLog sparse = FollowedLog.everyGap(10 * MINUTE, 0);
    FollowedLog dense =
        FollowedLog.everyGap(15_000, 0); // 40 times the events, same seals and markers
    long tMs = END + 17_001;

    ViewValues fromSparse = read(sparse, reader, tMs);
    int sparseReads = sparse.store().rangeReads.get();
    ViewValues fromDense = read(dense, reader, tMs);

    assertThat(OracleCheck.mismatches(SPEC, fromSparse, sparse.applied(), tMs)).isEmpty();
    assertThat(OracleCheck.mismatches(SPEC, fromDense, dense.applied(), tMs)).isEmpty();
    assertThat(dense.applied()).hasSizeGreaterThan(20_000);
    assertThat(dense.store().rangeReads.get())
        .isEqualTo(sparseReads)
        .isEqualTo(fromDense.stats().rangeQueries())
        .isLessThanOrEqualTo(TestView.WINDOWS.size() * (2 * LEVELS + 1));
    ReadPlan plan =
        new SealedSpanPlanner(new Tiling(SPEC.resolutions()))
            .plan(tMs, SPEC.windows(), dense.follower().durable(VIEW));
    assertThat((long) dense.store().tileRows.get()).isLessThanOrEqualTo(tileSlots(plan));
    // raw events only for the old edges' partial minutes: at most 4 events a minute per window
    assertThat(dense.store().events.get()).isLessThanOrEqualTo(4 * TestView.WINDOWS.size());
  }

  @Test
  void neverReadsARowAtOrAfterTheDurableSealPointThoughTheStoreAlreadyHoldsIt() {
    FollowedLog behind = FollowedLog.everyGap(15_000, 45); // the last 45 markers not read yet
    long durableMs = behind.follower().durable(VIEW).sealedBeforeMs();
    assertThat(durableMs).isLessThan(END - 40 * MINUTE);

    for (long tMs : List.of(END + 1, durableMs, durableMs + 1, durableMs - 1)) {
      ViewValues values = read(behind, reader, tMs);

      assertThat(OracleCheck.mismatches(SPEC, values, behind.applied(), tMs)).isEmpty();
      assertThat(behind.store().latestEndReadMs.get()).isLessThanOrEqualTo(durableMs);
    }
  }

  @Test
  void aFollowerWithNothingDurableReadsEverythingFromMemory() {
    FollowedLog unmarked = FollowedLog.everyGap(10 * MINUTE, Integer.MAX_VALUE);
    long tMs = END + 1;

    ViewValues values = read(unmarked, reader, tMs);

    assertThat(OracleCheck.mismatches(SPEC, values, unmarked.applied(), tMs)).isEmpty();
    assertThat(unmarked.store().rangeReads.get()).isZero();
  }

  /** How many tiles the plan's ranges can hold after T0 (none is older): its bound on rows read. */
  private static long tileSlots(ReadPlan plan) {
    long slots = 0;
    for (var entry : plan.tileReads().entrySet()) {
      for (var range : entry.getValue()) {
        long fromMs = Math.max(range.fromMs(), T0);
        slots += Math.max(0, (range.toMs() - fromMs + entry.getKey() - 1) / entry.getKey());
      }
    }
    return slots;
  }

  private static ViewValues read(FollowedLog log, FollowerViewReader reader, long tMs) {
    log.store().reset();
    return reader.read(log.store(), log.follower(), VIEW, ENTITY, tMs).toCompletableFuture().join();
  }
}
