/**
 * The point-in-time sweep: a spine's rows grouped by entity and sorted by time ({@link
 * io.tessera.training.sweep.TrainingSweep}); per (group, view) the entity's sealed history for the
 * span is read once, then serving's own read answers each distinct time, a few at a time ({@link
 * io.tessera.training.sweep.ServedTimelines}, {@link io.tessera.training.sweep.WindowedReads}).
 *
 * <p>Serving's read comes through a port, {@link io.tessera.training.sweep.ServedReads}, which the
 * host implements with the code online serving answers with (the follower's memory merged with the
 * sealed rows, here taken from the preloaded span). Same reader, same merge: the value for {@code
 * (entity, t)} is the value serving returns at {@code t} (DESIGN.md invariant 5).
 */
package io.tessera.training.sweep;
