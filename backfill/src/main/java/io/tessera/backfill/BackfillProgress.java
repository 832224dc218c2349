package io.tessera.backfill;

import io.tessera.records.backfill.BackfillCounts;
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
  public BackfillCounts snapshot() {
    return new BackfillCounts(
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
