package io.tessera.records.backfill;

/**
 * How far a backfill has come, counted as it runs.
 *
 * @param rowsRead rows read from the batch source
 * @param rowsFiltered of those, rows the view's filter left out
 * @param rowsRejected of those, rows the transformation refused (each a dead letter's reason)
 * @param eventsRead events the rows became
 * @param outsideRange of those, events before the range (past retention) or at or after the
 *     hand-over time (the stream's), not written
 * @param unitsTotal work units with events, once the source is read (0 before)
 * @param unitsDone units whose rows and tiles are all durable
 * @param eventsApplied events in the sealed rows written so far
 * @param duplicates events whose id the entity already had, not counted again
 * @param minutesWritten sealed finest rows written
 * @param coarseTilesClosed coarse tiles closed (one per tile start and partition)
 */
public record BackfillCounts(
    long rowsRead,
    long rowsFiltered,
    long rowsRejected,
    long eventsRead,
    long outsideRange,
    long unitsTotal,
    long unitsDone,
    long eventsApplied,
    long duplicates,
    long minutesWritten,
    long coarseTilesClosed) {

  public static final BackfillCounts NONE = new BackfillCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The counts of two disjoint parts of one backfill, together. */
  public BackfillCounts plus(BackfillCounts other) {
    return new BackfillCounts(
        rowsRead + other.rowsRead,
        rowsFiltered + other.rowsFiltered,
        rowsRejected + other.rowsRejected,
        eventsRead + other.eventsRead,
        outsideRange + other.outsideRange,
        unitsTotal + other.unitsTotal,
        unitsDone + other.unitsDone,
        eventsApplied + other.eventsApplied,
        duplicates + other.duplicates,
        minutesWritten + other.minutesWritten,
        coarseTilesClosed + other.coarseTilesClosed);
  }

  /**
   * These counts without the rows: what a scan of some partitions reports when another scan (the
   * one holding partition 0) counts the rows that every scan reads.
   */
  public BackfillCounts withoutRows() {
    return new BackfillCounts(
        0,
        0,
        0,
        eventsRead,
        outsideRange,
        unitsTotal,
        unitsDone,
        eventsApplied,
        duplicates,
        minutesWritten,
        coarseTilesClosed);
  }

  /**
   * Each count the larger of these and {@code other}'s: what counters that only grow have counted,
   * when a sum of reports falls back for a while (a scan running again after its worker died starts
   * from nothing).
   */
  public BackfillCounts max(BackfillCounts other) {
    return new BackfillCounts(
        Math.max(rowsRead, other.rowsRead),
        Math.max(rowsFiltered, other.rowsFiltered),
        Math.max(rowsRejected, other.rowsRejected),
        Math.max(eventsRead, other.eventsRead),
        Math.max(outsideRange, other.outsideRange),
        Math.max(unitsTotal, other.unitsTotal),
        Math.max(unitsDone, other.unitsDone),
        Math.max(eventsApplied, other.eventsApplied),
        Math.max(duplicates, other.duplicates),
        Math.max(minutesWritten, other.minutesWritten),
        Math.max(coarseTilesClosed, other.coarseTilesClosed));
  }
}
