package io.tessera.streamcore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.Segment;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.plan.WindowPlan;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tiling;
import io.tessera.streamcore.partition.DurableProgress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedSpanPlannerTest {
  private static final long MINUTE = TestView.MINUTE_MS;
  private static final long HOUR = TestView.HOUR_MS;
  private static final long DAY = TestView.DAY_MS;
  private static final long T0 = 20_000 * DAY; // a day boundary

  private final SealedSpanPlanner planner =
      new SealedSpanPlanner(new Tiling(TileResolutions.DEFAULT));

  /** Durable through T0 + 2d 5h 7m: days through T0 + 2d, hours through T0 + 2d 5h. */
  private static final long D = T0 + 2 * DAY + 5 * HOUR + 7 * MINUTE;

  private static final DurableProgress DURABLE =
      new DurableProgress(D, Map.of(DAY, T0 + 2 * DAY, HOUR, T0 + 2 * DAY + 5 * HOUR));

  @Test
  void aWindowEndingBeforeTheSealPointIsReadWhollyFromTheStoreWithRawEventsAtBothEdges() {
    long t = T0 + 2 * DAY + HOUR + 47 * MINUTE + 30_500;
    WindowPlan plan = planner.planWindow(t, window(Duration.ofHours(3)), DURABLE);

    assertCovers(plan, t - 3 * HOUR, t);
    assertThat(plan.segments().get(0)).isInstanceOf(Segment.Raw.class);
    Segment last = plan.segments().get(plan.segments().size() - 1);
    assertThat(last).isEqualTo(new Segment.Raw(new TimeRange(Tiling.floor(t, MINUTE), t)));
    assertThat(plan.segments())
        .contains(
            new Segment.Tiles(HOUR, new TimeRange(T0 + DAY + 23 * HOUR, T0 + 2 * DAY + HOUR)));
  }

  @Test
  void aWindowStartingAtOrAfterTheSealPointReadsNothingFromTheStore() {
    assertThat(planner.planWindow(D + 45_000, window(Duration.ofSeconds(45)), DURABLE).segments())
        .isEmpty();
    assertThat(planner.planWindow(D + HOUR + 1, window(Duration.ofHours(1)), DURABLE).segments())
        .isEmpty();
  }

  @Test
  void aWindowStraddlingTheSealPointIsCutThereAndDescendsToFinestTilesBeforeIt() {
    long t = D + 17 * MINUTE + 3;
    WindowPlan plan = planner.planWindow(t, window(Duration.ofDays(3)), DURABLE);

    assertCovers(plan, t - 3 * DAY, D);
    assertThat(plan.segments())
        .containsSubsequence(
            new Segment.Raw(new TimeRange(t - 3 * DAY, Tiling.ceil(t - 3 * DAY, MINUTE))),
            new Segment.Tiles(DAY, new TimeRange(T0, T0 + 2 * DAY)),
            new Segment.Tiles(HOUR, new TimeRange(T0 + 2 * DAY, T0 + 2 * DAY + 5 * HOUR)),
            new Segment.Tiles(MINUTE, new TimeRange(T0 + 2 * DAY + 5 * HOUR, D)));
  }

  @Test
  void aWindowStartingOneMillisecondBeforeTheSealPointReadsOnlyThatMillisecondFromTheStore() {
    long t = D - 1 + HOUR;
    WindowPlan plan = planner.planWindow(t, window(Duration.ofHours(1)), DURABLE);

    assertThat(plan.segments()).containsExactly(new Segment.Raw(new TimeRange(D - 1, D)));
  }

  @Test
  void coarseTilesAreReadOnlyWhereBuiltAndNeverPastTheSealPoint() {
    // a marker saying hours are built beyond its own seal point must not make the read use them
    DurableProgress ahead = new DurableProgress(D, Map.of(HOUR, D + 3 * HOUR));
    long t = D + 10 * HOUR;
    WindowPlan plan = planner.planWindow(t, window(Duration.ofHours(25)), ahead);

    assertCovers(plan, t - 25 * HOUR, D);
    for (Segment segment : plan.segments()) {
      if (segment instanceof Segment.Tiles tiles && tiles.resolutionMs() == HOUR) {
        assertThat(tiles.range().toMs()).isLessThanOrEqualTo(Tiling.floor(D, HOUR));
      }
      assertThat(segment)
          .isNotEqualTo(new Segment.Tiles(DAY, new TimeRange(T0 + DAY, T0 + 2 * DAY)));
    }
  }

  @Test
  void anUnknownSealPointReadsEverythingFromMemory() {
    DurableProgress unknown = new DurableProgress(OpenState.NO_TIME, Map.of());

    ReadPlan plan = planner.plan(D, TestView.WINDOWS, unknown);

    assertThat(plan.windows()).allSatisfy(window -> assertThat(window.segments()).isEmpty());
    assertThat(plan.rangeQueries()).isZero();
  }

  @Test
  void aLifetimeWindowStartsWithTheCoarsestTilesAndEndsAtTheSealPoint() {
    WindowPlan plan = planner.planWindow(D + 5 * MINUTE, WindowSpec.lifetime(), DURABLE);

    Segment first = plan.segments().get(0);
    assertThat(first).isInstanceOf(Segment.Tiles.class);
    assertThat(((Segment.Tiles) first).resolutionMs()).isEqualTo(DAY);
    assertThat(first.range().fromMs()).isLessThan(T0 - 100_000 * DAY);
    assertThat(first.range().toMs()).isEqualTo(T0 + 2 * DAY);
    assertCovers(plan, first.range().fromMs(), D);
  }

  @Test
  void readsAreSharedBetweenWindowsOneRangeListPerResolution() {
    ReadPlan plan = planner.plan(D + 7 * MINUTE, TestView.WINDOWS, DURABLE);

    int levels = 3;
    assertThat(plan.rangeQueries()).isLessThanOrEqualTo(TestView.WINDOWS.size() * (2 * levels + 1));
    plan.tileReads()
        .values()
        .forEach(
            ranges -> assertThat(ranges).allSatisfy(r -> assertThat(r.toMs()).isLessThan(D + 1)));
  }

  /** The plan's segments are contiguous, in time order, and cover exactly [fromMs, toMs). */
  private static void assertCovers(WindowPlan plan, long fromMs, long toMs) {
    assertThat(plan.segments()).isNotEmpty();
    long at = fromMs;
    for (Segment segment : plan.segments()) {
      assertThat(segment.range().fromMs())
          .as("segment %s starts where the last ended", segment)
          .isEqualTo(at);
      if (segment instanceof Segment.Raw raw) {
        assertThat(raw.range().toMs() - raw.range().fromMs())
            .as("raw events only within one finest tile")
            .isLessThanOrEqualTo(MINUTE);
      }
      at = segment.range().toMs();
    }
    assertThat(at).isEqualTo(toMs);
  }

  private static WindowSpec window(Duration size) {
    return WindowSpec.ofSize(size);
  }
}
