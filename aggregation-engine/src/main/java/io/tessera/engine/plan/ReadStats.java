package io.tessera.engine.plan;

/**
 * What one read cost: the numbers invariant 6 bounds, and the CPU steps around the store reads.
 *
 * @param rangeQueries store range queries made (tiles and raw, the head read not counted)
 * @param tileRows tile rows read
 * @param rawEvents event-log rows read (old edges, and the tail when it holds a future event)
 * @param pendingEvents pending events in the head snapshot
 * @param planNanos time spent planning (after the head read)
 * @param mergeNanos time spent merging the IRs and finishing the values (tile decoding happens as
 *     the reads complete)
 */
public record ReadStats(
    int rangeQueries,
    int tileRows,
    int rawEvents,
    int pendingEvents,
    long planNanos,
    long mergeNanos) {

  /** Counts without timings. */
  public ReadStats(int rangeQueries, int tileRows, int rawEvents, int pendingEvents) {
    this(rangeQueries, tileRows, rawEvents, pendingEvents, 0, 0);
  }
}
