/**
 * The read of one entity's view at time {@code t} on a serving follower: the follower's memory of
 * the partition ({@link io.tessera.streamcore.partition.PartitionState}) merged with the sealed
 * rows and tiles of the store ({@link io.tessera.engine.sealed.SealedStore}), as named steps.
 *
 * <ol>
 *   <li><b>Fold memory.</b> Every window's span {@code [t-W, t)} is folded from memory under one
 *       read lock, which also reads the lineage's durable progress: the seal point {@code D} up to
 *       which the owner's seal markers say the store holds every finest row, and per coarse
 *       resolution the time its tiles are built through. Memory folds only {@code [max(t-W, D),
 *       t)}: open tiles, and on a follower the sealed tiles it keeps until the marker releases
 *       them.
 *   <li><b>Plan</b> ({@link io.tessera.streamcore.read.SealedSpanPlanner}). Each window's sealed
 *       part {@code [t-W, min(D, t))} gets the read plan of DESIGN.md: raw events for the old
 *       edge's partial finest tile, finest tiles up to the next coarse boundary, coarse tiles where
 *       built, descending again up to {@code D}. Reads are gathered per resolution across windows.
 *   <li><b>Read</b> the planned tile ranges and raw ranges in parallel.
 *   <li><b>Merge</b> per window in time order: its sealed segments, then its memory part.
 *   <li><b>Finish</b> into values, with the newest contributing event time of each.
 * </ol>
 *
 * <p>Why every event counts once (invariants 1 and 2): the two parts are disjoint spans split at
 * one {@code D}, read under the same lock as memory, so memory has not yet released (and does not
 * hold twice) what the store part reads; the store's rows and tiles before {@code D} are immutable,
 * so reading them after the lock is released sees the same events; and the plan never reads a tile
 * at or after {@code D}, even when the store already holds newer rows whose marker this replica has
 * not applied. Inside each part the segments are disjoint and cover it to the millisecond (raw
 * events at both edges), so both window edges are exact. The cost is bounded by windows times
 * resolutions, not by events (invariant 6).
 *
 * <p>What a read is asked for is named here too, because online serving and training both ask: a
 * {@link io.tessera.streamcore.read.ViewPlan} (one view version ready to read) and a {@link
 * io.tessera.streamcore.read.ResolvedFeature} (a requested feature bound to the version that
 * answers it).
 */
package io.tessera.streamcore.read;
