package io.tessera.backfill;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a backfill stands, updated as it runs and read at any time from any thread (a status
 * endpoint, a metric, a log line): events routed, units sealed, and what the units wrote.
 */
public final class BackfillProgress {
  private final AtomicLong rowsRead = new AtomicLong();
  private final AtomicLong rowsFiltered = new AtomicLong();
  private final AtomicLong rowsRejected = new AtomicLong();
  private final AtomicLong eventsRead = new AtomicLong();
  private final AtomicLong outsideRange = new AtomicLong();
  private final AtomicLong unitsTotal = new AtomicLong();
  private final AtomicLong unitsDone = new AtomicLong();
  private final AtomicLong eventsApplied = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong minutesWritten = new AtomicLong();
  private final AtomicLong coarseTilesClosed = new AtomicLong();

  /** A consistent-enough copy of the counters (each read once). */
  public Snapshot snapshot() {
    return new Snapshot(
        rowsRead.get(),
        rowsFiltered.get(),
        rowsRejected.get(),
        eventsRead.get(),
        outsideRange.get(),
        unitsTotal.get(),
        unitsDone.get(),
        eventsApplied.get(),
        duplicates.get(),
        minutesWritten.get(),
        coarseTilesClosed.get());
  }

  /**
   * @param rowsRead rows read from the batch source
   * @param rowsFiltered of those, rows the view's filter left out
   * @param rowsRejected of those, rows the transformation refused (a dead letter's reason each)
   * @param eventsRead events handed to the backfill
   * @param outsideRange of those, events before its range (past retention) or at or after its
   *     hand-over time (the stream's), not written
   * @param unitsTotal work units with events, once the source is read (0 before)
   * @param unitsDone units whose rows and tiles are all durable
   * @param eventsApplied events in the sealed rows written so far
   * @param duplicates events whose id the entity already had within the unit, not counted again
   * @param minutesWritten sealed finest rows written
   * @param coarseTilesClosed coarse tiles closed (one per tile start and partition, however many
   *     entities it rolled up)
   */
  public record Snapshot(
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
      long coarseTilesClosed) {}

  void row(boolean filtered, boolean rejected) {
    rowsRead.incrementAndGet();
    if (filtered) {
      rowsFiltered.incrementAndGet();
    }
    if (rejected) {
      rowsRejected.incrementAndGet();
    }
  }

  void read(boolean inRange) {
    eventsRead.incrementAndGet();
    if (!inRange) {
      outsideRange.incrementAndGet();
    }
  }

  void planned(long units) {
    unitsTotal.set(units);
  }

  void applied(long events, long duplicateEvents) {
    eventsApplied.addAndGet(events);
    duplicates.addAndGet(duplicateEvents);
  }

  void wrote(long minutes, long closes) {
    minutesWritten.addAndGet(minutes);
    coarseTilesClosed.addAndGet(closes);
  }

  void unitDone() {
    unitsDone.incrementAndGet();
  }
}
