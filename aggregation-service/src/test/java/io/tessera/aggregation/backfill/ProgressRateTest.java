package io.tessera.aggregation.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.backfill.BackfillCounts;
import org.junit.jupiter.api.Test;

class ProgressRateTest {

  private static BackfillCounts counts(long eventsRead, long unitsTotal, long unitsDone) {
    return new BackfillCounts(eventsRead, 0, 0, eventsRead, 0, unitsTotal, unitsDone, 0, 0, 0, 0);
  }

  @Test
  void countsEventsPerSecondSinceTheStart() {
    ProgressRate rate = new ProgressRate(1_000);
    assertThat(rate.at(counts(5_000, 0, 0), 3_000).eventsPerSecond()).isEqualTo(2_500.0);
  }

  @Test
  void knowsNoEtaBeforeTheUnitsArePlannedOrOneIsDone() {
    ProgressRate rate = new ProgressRate(0);
    assertThat(rate.at(counts(100, 0, 0), 1_000).etaSeconds()).isEqualTo(-1);
    assertThat(rate.at(counts(100, 10, 0), 2_000).etaSeconds()).isEqualTo(-1);
  }

  @Test
  void estimatesTheUnitsLeftAtThePaceOfThoseDoneSinceTheyWerePlanned() {
    ProgressRate rate = new ProgressRate(0);
    rate.at(counts(100, 10, 0), 60_000); // reading took a minute; sealing starts
    // 2 units in 10 s: 8 left take 40 s, whatever the reading took
    assertThat(rate.at(counts(100, 10, 2), 70_000).etaSeconds()).isEqualTo(40);
    assertThat(rate.at(counts(100, 10, 10), 90_000).etaSeconds()).isZero();
  }
}
