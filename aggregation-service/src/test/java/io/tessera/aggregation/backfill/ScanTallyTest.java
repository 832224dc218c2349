package io.tessera.aggregation.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.records.backfill.BackfillState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanTallyTest {
  private static final Instant T0 = Instant.parse("2026-12-08T00:00:00Z");

  @Test
  void completedScansWriteTheirPartitionsAndAddUp() {
    ScanTally tally =
        ScanTally.of(
            List.of(
                report("a", List.of(0, 1), BackfillState.COMPLETED, 100, 1),
                report("b", List.of(2), BackfillState.COMPLETED, 0, 2),
                report("c", List.of(3), BackfillState.RUNNING, 0, 3)));

    assertThat(tally.written()).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(tally.failed()).isEmpty();
    assertThat(tally.counts().rowsRead()).isEqualTo(100);
    assertThat(tally.counts().eventsApplied()).isEqualTo(10 + 20 + 30);
  }

  @Test
  void aPartitionScannedAgainCountsOnce() {
    ScanTally tally =
        ScanTally.of(
            List.of(
                // the worker of the first scan died; the second ran it again, a third twice more
                report("dead", List.of(0, 1), BackfillState.RUNNING, 40, 1),
                report("again", List.of(0), BackfillState.RUNNING, 70, 2),
                report("done", List.of(0), BackfillState.COMPLETED, 100, 3),
                report("late", List.of(0), BackfillState.COMPLETED, 100, 4),
                report("other", List.of(1), BackfillState.RUNNING, 0, 5)));

    assertThat(tally.written()).containsExactly(0);
    assertThat(tally.counts().rowsRead()).as("the completed scan of 0, once").isEqualTo(100);
    assertThat(tally.counts().eventsApplied())
        .as("written 0 once, and the newest running scan of 1")
        .isEqualTo(30 + 50);
  }

  @Test
  void aFailedScanFailsTheBackfillUnlessItsPartitionsWereWrittenSince() {
    BackfillReport failed = report("f", List.of(1), BackfillState.FAILED, 0, 1);
    assertThat(ScanTally.of(List.of(failed)).failed()).contains(failed);
    assertThat(
            ScanTally.of(List.of(failed, report("r", List.of(1), BackfillState.COMPLETED, 0, 2)))
                .failed())
        .isEmpty();
    assertThat(
            ScanTally.of(List.of(report("x", List.of(2), BackfillState.CANCELLED, 5, 1))).counts())
        .as("a cancelled scan counts nothing")
        .isEqualTo(BackfillCounts.NONE);
  }

  /** A report {@code minutesAfter} T0 whose scan applied ten events per minute of its lateness. */
  private static BackfillReport report(
      String scan, List<Integer> partitions, BackfillState state, long rows, int minutesAfter) {
    return new BackfillReport(
        "bf-1",
        scan,
        partitions,
        state,
        new BackfillCounts(rows, 0, 0, 0, 0, 1, 1, 10L * minutesAfter, 0, 0, 0),
        state == BackfillState.FAILED ? "boom" : null,
        "worker",
        T0.plusSeconds(60L * minutesAfter));
  }
}
