package io.tessera.registry.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackfillResponseTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void openEndsAndAnUnknownEtaAreNull() {
    BackfillResponse response =
        BackfillResponse.of(
            BackfillStatus.queued(
                new BackfillCommand.Start("a", "v", 1, null, null, "registered", T0)));

    assertThat(response.from()).isNull();
    assertThat(response.to()).isNull();
    assertThat(response.etaSeconds()).isNull();
    assertThat(response.state()).isEqualTo("queued");
    assertThat(response.progress()).isZero();
  }

  @Test
  void aClosedRangeIsTwoInstants() {
    BackfillResponse response =
        BackfillResponse.of(
            BackfillStatus.queued(
                new BackfillCommand.Start(
                    "a", "v", 1, T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli(), "r", T0)));

    assertThat(response.from()).isEqualTo(T0);
    assertThat(response.to()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void progressIsTheShareOfUnitsDone() {
    assertThat(BackfillResponse.of(status(BackfillState.RUNNING, 3, 4, 17)).progress())
        .isEqualTo(0.75);
    assertThat(BackfillResponse.of(status(BackfillState.RUNNING, 3, 4, 17)).etaSeconds())
        .isEqualTo(17);
  }

  @Test
  void progressIsZeroWhileTheUnitsAreUnknownAndOneOnceCompleted() {
    assertThat(BackfillResponse.of(status(BackfillState.RUNNING, 0, 0, -1)).progress()).isZero();
    assertThat(BackfillResponse.of(status(BackfillState.COMPLETED, 0, 0, 0)).progress())
        .isEqualTo(1);
    assertThat(BackfillResponse.of(status(BackfillState.FAILED, 1, 4, -1)).progress())
        .isEqualTo(0.25);
  }

  private static BackfillStatus status(
      BackfillState state, long unitsDone, long unitsTotal, long etaSeconds) {
    return new BackfillStatus(
        "a",
        "v",
        1,
        state,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        T0,
        T0.plusSeconds(5),
        new BackfillCounts(10, 0, 0, 10, 0, unitsTotal, unitsDone, 10, 0, 1, 0),
        2.0,
        etaSeconds,
        null,
        "worker-1");
  }
}
