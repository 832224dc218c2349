package io.tessera.engine.plan;

/**
 * What one read cost: the numbers invariant 6 bounds, and the CPU steps around the store reads.
 *
 * @param rangeQueries store range queries made (tiles and raw)
 * @param tileRows tile rows read
 * @param rawEvents raw events read (partial finest tiles at a window's edges)
 * @param planNanos time spent planning
 * @param mergeNanos time spent merging the IRs and finishing the values (tile decoding happens as
 *     the reads complete)
 */
public record ReadStats(
    int rangeQueries, int tileRows, int rawEvents, long planNanos, long mergeNanos) {

  /** Counts without timings. */
  public ReadStats(int rangeQueries, int tileRows, int rawEvents) {
    this(rangeQueries, tileRows, rawEvents, 0, 0);
  }
}
