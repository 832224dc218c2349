package io.tessera.engine.plan;

/**
 * What one read cost: the numbers invariant 6 bounds.
 *
 * @param rangeQueries store range queries made (tiles and raw, the head read not counted)
 * @param tileRows tile rows read
 * @param rawEvents event-log rows read (old edges, and the tail when it holds a future event)
 * @param pendingEvents pending events in the head snapshot
 */
public record ReadStats(int rangeQueries, int tileRows, int rawEvents, int pendingEvents) {}
