package io.tessera.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.tile.Tiling;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedPrefixTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 86_400_000L;
  private static final ReadPlanner PLANNER = new ReadPlanner(new Tiling(TileResolutions.DEFAULT));
  private static final long T = at("2026-03-10T14:37:25.120Z");
  private static final StoredTiles META =
      new StoredTiles(
          at("2026-01-01T00:00:00Z"),
          Map.of(DAY, at("2026-03-10T00:00:00Z"), HOUR, at("2026-03-10T14:00:00Z")));
  private static final WindowPlan SEVEN_DAYS =
      PLANNER.planWindow(T, WindowSpec.ofSize(Duration.ofDays(7)), META);

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static TimeRange range(String from, String to) {
    return new TimeRange(at(from), at(to));
  }

  @Test
  void cutsEachTileSegmentAtTheLastWholeTileBeforeTheSeal() {
    SealedPrefix prefix = SealedPrefix.of(SEVEN_DAYS, at("2026-03-10T14:05:30Z")).orElseThrow();

    assertThat(prefix.range()).isEqualTo(range("2026-03-03T14:38:00Z", "2026-03-10T14:05:00Z"));
    assertThat(prefix.tiles())
        .containsExactly(
            new Segment.Tiles(MINUTE, range("2026-03-03T14:38:00Z", "2026-03-03T15:00:00Z")),
            new Segment.Tiles(HOUR, range("2026-03-03T15:00:00Z", "2026-03-04T00:00:00Z")),
            new Segment.Tiles(DAY, range("2026-03-04T00:00:00Z", "2026-03-10T00:00:00Z")),
            new Segment.Tiles(HOUR, range("2026-03-10T00:00:00Z", "2026-03-10T14:00:00Z")),
            new Segment.Tiles(MINUTE, range("2026-03-10T14:00:00Z", "2026-03-10T14:05:00Z")));
    assertThat(prefix.rest().segments())
        .containsExactly(
            new Segment.Raw(range("2026-03-03T14:37:25.120Z", "2026-03-03T14:38:00Z")),
            new Segment.Tiles(MINUTE, range("2026-03-10T14:05:00Z", "2026-03-10T14:37:00Z")),
            new Segment.Raw(range("2026-03-10T14:37:00Z", "2026-03-10T14:37:25.120Z")));
    assertThat(prefix.rest().startMs()).isEqualTo(SEVEN_DAYS.startMs());
    assertThat(prefix.rest().endMs()).isEqualTo(T);
  }

  @Test
  void neverTakesATileThatEndsAfterTheSeal() {
    SealedPrefix prefix = SealedPrefix.of(SEVEN_DAYS, at("2026-03-09T10:00:00Z")).orElseThrow();

    assertThat(prefix.range()).isEqualTo(range("2026-03-03T14:38:00Z", "2026-03-09T00:00:00Z"));
    assertThat(prefix.rest().segments())
        .contains(new Segment.Tiles(DAY, range("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z")));
  }

  @Test
  void hasNoPrefixWhenNothingIsSealedOrTheSealIsBeforeTheFirstWholeTile() {
    assertThat(SealedPrefix.of(SEVEN_DAYS, StoredTiles.NO_TIME)).isEmpty();
    assertThat(SealedPrefix.of(SEVEN_DAYS, at("2026-03-03T14:38:59Z"))).isEmpty();
  }

  @Test
  void theRestAndThePrefixTogetherAreTheWholePlan() {
    for (long sealedMs = SEVEN_DAYS.startMs(); sealedMs < T; sealedMs += 7 * MINUTE + 13) {
      SealedPrefix prefix = SealedPrefix.of(SEVEN_DAYS, sealedMs).orElse(null);
      if (prefix == null) {
        continue;
      }
      long covered = 0;
      for (Segment segment : prefix.tiles()) {
        covered += segment.range().toMs() - segment.range().fromMs();
      }
      for (Segment segment : prefix.rest().segments()) {
        covered += segment.range().toMs() - segment.range().fromMs();
      }
      assertThat(covered).isEqualTo(T - SEVEN_DAYS.startMs());
      assertThat(prefix.range().toMs()).isLessThanOrEqualTo(sealedMs);
    }
  }
}
