package io.tessera.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.tile.Tiling;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadPlannerTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 86_400_000L;
  private static final ReadPlanner PLANNER = new ReadPlanner(new Tiling(TileResolutions.DEFAULT));

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static StoredTiles builtThrough(long dayMs, long hourMs) {
    return new StoredTiles(at("2026-01-01T00:00:00Z"), Map.of(DAY, dayMs, HOUR, hourMs));
  }

  private static TimeRange range(String from, String to) {
    return new TimeRange(at(from), at(to));
  }

  @Test
  void plansTheSevenDayExampleOfTheDesign() {
    long t = at("2026-03-10T14:37:25.120Z");
    StoredTiles meta = builtThrough(at("2026-03-10T00:00:00Z"), at("2026-03-10T14:00:00Z"));

    WindowPlan plan = PLANNER.planWindow(t, WindowSpec.ofSize(Duration.ofDays(7)), meta);

    assertThat(plan.segments())
        .containsExactly(
            new Segment.Raw(range("2026-03-03T14:37:25.120Z", "2026-03-03T14:38:00Z")),
            new Segment.Tiles(MINUTE, range("2026-03-03T14:38:00Z", "2026-03-03T15:00:00Z")),
            new Segment.Tiles(HOUR, range("2026-03-03T15:00:00Z", "2026-03-04T00:00:00Z")),
            new Segment.Tiles(DAY, range("2026-03-04T00:00:00Z", "2026-03-10T00:00:00Z")),
            new Segment.Tiles(HOUR, range("2026-03-10T00:00:00Z", "2026-03-10T14:00:00Z")),
            new Segment.Tiles(MINUTE, range("2026-03-10T14:00:00Z", "2026-03-10T14:37:00Z")),
            new Segment.Raw(range("2026-03-10T14:37:00Z", "2026-03-10T14:37:25.120Z")));
  }

  @Test
  void usesFinerTilesWhereCoarseTilesAreNotBuiltYet() {
    long t = at("2026-03-10T14:37:25.120Z");
    StoredTiles meta = builtThrough(at("2026-03-09T00:00:00Z"), at("2026-03-10T12:00:00Z"));

    WindowPlan plan = PLANNER.planWindow(t, WindowSpec.ofSize(Duration.ofDays(2)), meta);

    assertThat(plan.segments())
        .containsExactly(
            new Segment.Raw(range("2026-03-08T14:37:25.120Z", "2026-03-08T14:38:00Z")),
            new Segment.Tiles(MINUTE, range("2026-03-08T14:38:00Z", "2026-03-08T15:00:00Z")),
            new Segment.Tiles(HOUR, range("2026-03-08T15:00:00Z", "2026-03-10T12:00:00Z")),
            new Segment.Tiles(MINUTE, range("2026-03-10T12:00:00Z", "2026-03-10T14:37:00Z")),
            new Segment.Raw(range("2026-03-10T14:37:00Z", "2026-03-10T14:37:25.120Z")));
  }

  @Test
  void readsAWindowShorterThanATileRawWhenItSitsInsideOneTile() {
    long t = at("2026-03-10T14:37:50Z");
    WindowPlan plan =
        PLANNER.planWindow(t, WindowSpec.ofSize(Duration.ofSeconds(30)), StoredTiles.EMPTY);

    assertThat(plan.segments())
        .containsExactly(new Segment.Raw(range("2026-03-10T14:37:20Z", "2026-03-10T14:37:50Z")));
  }

  @Test
  void hasNoRawEdgesWhenBothEndsAreOnTileBoundaries() {
    long t = at("2026-03-10T00:00:00Z");
    StoredTiles meta = builtThrough(t, t);

    WindowPlan plan = PLANNER.planWindow(t, WindowSpec.ofSize(Duration.ofDays(3)), meta);

    assertThat(plan.segments())
        .containsExactly(
            new Segment.Tiles(DAY, range("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")));
  }

  @Test
  void startsALifetimeWindowAtTheCoarseTileOfTheFirstEventWithoutAnOldRawEdge() {
    long t = at("2026-03-10T14:37:25.120Z");
    StoredTiles meta =
        new StoredTiles(
            at("2026-03-05T09:10:11Z"),
            Map.of(DAY, at("2026-03-10T00:00:00Z"), HOUR, at("2026-03-10T14:00:00Z")));

    WindowPlan plan = PLANNER.planWindow(t, WindowSpec.lifetime(), meta);

    assertThat(plan.startMs()).isEqualTo(Long.MIN_VALUE);
    assertThat(plan.segments())
        .containsExactly(
            new Segment.Tiles(DAY, range("2026-03-05T00:00:00Z", "2026-03-10T00:00:00Z")),
            new Segment.Tiles(HOUR, range("2026-03-10T00:00:00Z", "2026-03-10T14:00:00Z")),
            new Segment.Tiles(MINUTE, range("2026-03-10T14:00:00Z", "2026-03-10T14:37:00Z")),
            new Segment.Raw(range("2026-03-10T14:37:00Z", "2026-03-10T14:37:25.120Z")));
  }

  @Test
  void sharesTileAndRawReadsAcrossTheWindowsOfAView() {
    long t = at("2026-03-10T14:37:25.120Z");
    StoredTiles meta = builtThrough(at("2026-03-10T00:00:00Z"), at("2026-03-10T14:00:00Z"));
    List<WindowSpec> windows =
        List.of(
            WindowSpec.ofSize(Duration.ofHours(1)),
            WindowSpec.ofSize(Duration.ofDays(7)),
            WindowSpec.lifetime());

    ReadPlan plan = PLANNER.plan(t, windows, meta);

    // one minute range near t serves all three windows, plus the 7d window's old edge minutes
    assertThat(plan.tileReads().get(MINUTE))
        .containsExactly(
            range("2026-03-03T14:38:00Z", "2026-03-03T15:00:00Z"),
            range("2026-03-10T13:38:00Z", "2026-03-10T14:37:00Z"));
    // the old edges, and one tail shared by all three
    assertThat(plan.rawReads())
        .containsExactly(
            range("2026-03-03T14:37:25.120Z", "2026-03-03T14:38:00Z"),
            range("2026-03-10T13:37:25.120Z", "2026-03-10T13:38:00Z"),
            range("2026-03-10T14:37:00Z", "2026-03-10T14:37:25.120Z"));
    assertThat(plan.rangeQueries()).isLessThanOrEqualTo(2 * 3 * windows.size() + windows.size());
  }
}
