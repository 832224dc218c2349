package io.tessera.aggregation.backfill;

import io.tessera.records.backfill.BackfillCounts;

/**
 * A running backfill's speed and time left, from its counts: events read per second since it
 * started, and an ETA from the work units, the only measure of the whole known in advance (once the
 * source is read and routed; before, the source's size is unknown and the ETA is -1).
 */
final class ProgressRate {
  private final long startedMs;
  private long unitsPlannedAtMs = -1;

  ProgressRate(long startedMs) {
    this.startedMs = startedMs;
  }

  /** What {@code counts}, seen at {@code nowMs}, say of speed and time left. */
  Rate at(BackfillCounts counts, long nowMs) {
    if (unitsPlannedAtMs < 0 && counts.unitsTotal() > 0) {
      unitsPlannedAtMs = nowMs; // sealing starts when the units are planned
    }
    double seconds = Math.max(nowMs - startedMs, 1) / 1000.0;
    double eventsPerSecond = counts.eventsRead() / seconds;
    long etaSeconds = -1;
    if (unitsPlannedAtMs >= 0 && counts.unitsDone() > 0) {
      long sealingMs = nowMs - unitsPlannedAtMs;
      long left = counts.unitsTotal() - counts.unitsDone();
      etaSeconds = (long) Math.ceil(sealingMs * (double) left / counts.unitsDone() / 1000.0);
    } else if (counts.unitsTotal() > 0 && counts.unitsDone() == counts.unitsTotal()) {
      etaSeconds = 0;
    }
    return new Rate(eventsPerSecond, etaSeconds);
  }

  /**
   * @param eventsPerSecond events read per second since the start
   * @param etaSeconds seconds left at the units' pace so far, -1 while unknown
   */
  record Rate(double eventsPerSecond, long etaSeconds) {}
}
