package io.tessera.aggregation.backfill;

import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.records.backfill.BackfillState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the scans' reports of one backfill say: which partitions are written, whether a scan failed
 * on one that is not, and the counts so far. Scans of one partition can be several (a task redone
 * after its worker died, or published again by a coordinator that ran again), so a partition counts
 * once: by its first completed scan once written, by its newest running scan before.
 *
 * @param written the partitions whose rows and tiles are durable
 * @param failed a scan that failed on a partition not written since
 * @param counts the written partitions' counts and the running scans' so far
 */
record ScanTally(Set<Integer> written, Optional<BackfillReport> failed, BackfillCounts counts) {

  /** The tally of the newest report of each scan of one backfill. */
  static ScanTally of(Collection<BackfillReport> newestOfEachScan) {
    List<BackfillReport> reports = new ArrayList<>(newestOfEachScan);
    reports.sort(Comparator.comparing(BackfillReport::updatedAt));
    Set<Integer> written = new HashSet<>();
    BackfillCounts counts = BackfillCounts.NONE;
    for (BackfillReport report : reports) {
      if (report.state() == BackfillState.COMPLETED
          && report.partitions().stream().noneMatch(written::contains)) {
        written.addAll(report.partitions());
        counts = counts.plus(report.counts());
      }
    }
    Set<Integer> counted = new HashSet<>(written);
    Optional<BackfillReport> failed = Optional.empty();
    List<BackfillReport> newestFirst = new ArrayList<>(reports);
    Collections.reverse(newestFirst);
    for (BackfillReport report : newestFirst) {
      if (report.state() == BackfillState.RUNNING
          && report.partitions().stream().noneMatch(counted::contains)) {
        counted.addAll(report.partitions());
        counts = counts.plus(report.counts());
      } else if (report.state() == BackfillState.FAILED
          && !written.containsAll(report.partitions())
          && failed.isEmpty()) {
        failed = Optional.of(report);
      }
    }
    return new ScanTally(Set.copyOf(written), failed, counts);
  }
}
