package io.tessera.records.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A record of the compacted {@code backfill-reports} topic: how one scan of a backfill's batch
 * source is doing. A scan is one worker's read of the source for the {@link BackfillCommand.Task
 * tasks} it holds of one backfill (their partitions); it reports while it runs and once when it
 * ends, keyed {@link #key()} so that the newest report of each scan survives. The worker that took
 * the backfill's start follows these to know when every partition is written and to add up the
 * counts of its status.
 *
 * @param id the backfill
 * @param scan this scan's id (unique per run of a scan)
 * @param partitions the normalized partitions the scan writes, ascending
 * @param state {@code RUNNING}, or how it ended: {@code COMPLETED} (every row and tile of its
 *     partitions durable), {@code FAILED}, {@code CANCELLED}
 * @param counts its counts; the rows read are counted by the scan holding partition 0 only (every
 *     scan reads every row), events and what they became by the scan of their partition
 * @param error why it failed, or null
 * @param worker the instance running it
 * @param updatedAt when this report was written
 */
public record BackfillReport(
    String id,
    String scan,
    List<Integer> partitions,
    BackfillState state,
    BackfillCounts counts,
    String error,
    String worker,
    Instant updatedAt) {

  public BackfillReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(counts, "counts");
    Objects.requireNonNull(updatedAt, "updatedAt");
    partitions = List.copyOf(partitions);
    if (state == BackfillState.QUEUED) {
      throw new IllegalArgumentException("a scan reports once it runs");
    }
  }

  /** {@code <backfill id>/<scan id>}: the newest report of each scan survives compaction. */
  public String key() {
    return id + "/" + scan;
  }
}
