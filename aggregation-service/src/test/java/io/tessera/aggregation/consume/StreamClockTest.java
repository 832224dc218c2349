package io.tessera.aggregation.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamClockTest {
  private final StreamClock clock = new StreamClock(Duration.ofSeconds(60));

  @Test
  void knowsNoTimeForAPartitionWithoutRecords() {
    assertThat(clock.nowMs(3)).isEqualTo(StreamClock.UNKNOWN);
  }

  @Test
  void followsTheNewestAppliedRecordNotTheWallClock() {
    clock.advance(0, 1_000_000);
    clock.advance(0, 900_000); // an older record applied later does not move it back

    assertThat(clock.nowMs(0)).isEqualTo(1_000_000);
    assertThat(clock.nowMs(1)).isEqualTo(StreamClock.UNKNOWN);
  }

  @Test
  void followsTheWallClockLessTheIdleAdvanceOnlyWhileCaughtUp() {
    clock.advance(0, 1_000_000);
    assertThat(clock.nowMs(0)).isEqualTo(1_000_000);

    clock.caughtUp(0, 5_000_000);

    assertThat(clock.nowMs(0)).isEqualTo(5_000_000 - 60_000);
  }

  @Test
  void forgetsRevokedPartitions() {
    clock.advance(2, 1_000_000);
    clock.forget(Set.of(2));

    assertThat(clock.nowMs(2)).isEqualTo(StreamClock.UNKNOWN);
  }
}
