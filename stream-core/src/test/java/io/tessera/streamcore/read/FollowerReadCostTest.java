package io.tessera.streamcore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.TimeRange;
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
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = FollowedLog.DAY;
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
  void aQuietEntityReadsNoFinerTileOrEventWhereACoarserTileShowsNone() {
    // four events on two days: at t, no window's edge falls in an hour holding one
    FollowedLog quiet =
        FollowedLog.of(
            List.of(
                T0 + DAY + 5 * HOUR + 7_000,
                T0 + DAY + 5 * HOUR + 61_000,
                T0 + 2 * DAY + 30 * MINUTE,
                T0 + 2 * DAY + 30 * MINUTE + 1),
            0);
    long tMs = END - 3 * HOUR + 17_001;

    ViewValues atOnce = read(quiet, reader, tMs, SealedReading.AT_ONCE);
    int atOnceQueries = quiet.store().blockQueries.get();
    ViewValues rounds = read(quiet, reader, tMs, SealedReading.COARSE_TO_FINE);
    int roundsQueries = quiet.store().blockQueries.get();

    assertThat(OracleCheck.mismatches(SPEC, atOnce, quiet.applied(), tMs)).isEmpty();
    assertThat(OracleCheck.mismatches(SPEC, rounds, quiet.applied(), tMs)).isEmpty();
    // the day and hour tiles only (5 queries at once: their minutes and events as well)
    assertThat(roundsQueries).isEqualTo(2).isLessThan(atOnceQueries);
    assertThat(quiet.store().events.get()).isZero();
  }

  @Test
  void coarseToFineReadsGiveTheValuesOfReadingEverythingAtOnce() {
    for (FollowedLog log :
        List.of(
            FollowedLog.everyGap(15_000, 0),
            FollowedLog.everyGap(47 * MINUTE + 13_000, 0),
            FollowedLog.everyGap(5 * HOUR + 13_000, 20))) {
      for (long tMs :
          List.of(END + 17_001, END - 3 * HOUR, END - DAY - 59_999, T0 + 2 * DAY + HOUR)) {
        ViewValues atOnce = read(log, reader, tMs, SealedReading.AT_ONCE);
        int atOnceQueries = log.store().blockQueries.get();
        ViewValues rounds = read(log, reader, tMs, SealedReading.COARSE_TO_FINE);

        assertThat(OracleCheck.mismatches(SPEC, rounds, log.applied(), tMs)).isEmpty();
        // approximate percentiles differed between two reads of one mode in this fixture (a
        // t-digest's estimate depends on how its parts merged); the oracle check bounds them
        assertThat(rounds.values())
            .usingRecursiveComparison()
            .ignoringFields("p90")
            .isEqualTo(atOnce.values());
        assertThat(rounds.newestEventTimesMs()).isEqualTo(atOnce.newestEventTimesMs());
        // a widened read costs a query only where the entity has something: one a window at most
        assertThat(log.store().blockQueries.get())
            .isLessThanOrEqualTo(atOnceQueries + TestView.WINDOWS.size());
      }
    }
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

  /**
   * How many tiles the reads of the plan can hold after T0 (none is older), read coarse to fine: a
   * coarser resolution from its first planned tile to its last, a tile beyond either end (around a
   * finer edge), the finest as planned and a tile at either raw edge of each window.
   */
  private static long tileSlots(ReadPlan plan) {
    long finestMs = new Tiling(SPEC.resolutions()).finestMs();
    long slots = 2L * TestView.WINDOWS.size();
    for (var entry : plan.tileReads().entrySet()) {
      long res = entry.getKey();
      List<TimeRange> ranges = entry.getValue();
      if (res != finestMs) {
        ranges =
            List.of(
                new TimeRange(
                    ranges.get(0).fromMs() - res, ranges.get(ranges.size() - 1).toMs() + res));
      }
      for (TimeRange range : ranges) {
        long fromMs = Math.max(range.fromMs(), T0);
        slots += Math.max(0, (range.toMs() - fromMs + res - 1) / res);
      }
    }
    return slots;
  }

  private static ViewValues read(FollowedLog log, FollowerViewReader reader, long tMs) {
    return read(log, reader, tMs, SealedReading.COARSE_TO_FINE);
  }

  private static ViewValues read(
      FollowedLog log, FollowerViewReader reader, long tMs, SealedReading reading) {
    log.store().reset();
    return reader
        .read(log.store(), log.follower(), VIEW, ENTITY, tMs, reading)
        .toCompletableFuture()
        .join();
  }
}
