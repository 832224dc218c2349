/**
 * Training data (offline retrieval): for a spine of (entity keys, timestamp) rows, every selected
 * feature as serving would have answered it at that timestamp, written as CSV or Parquet.
 *
 * <p>The request is validated up front ({@link io.tessera.serving.training.SpineTable} loads and
 * checks the spine; the selection resolves exactly as online serving resolves it), then runs as a
 * {@link io.tessera.serving.training.TrainingJob}. The job sweeps the spine grouped by entity and
 * sorted by time: per (entity, view) it reads the entity's sealed history for the span once, then
 * asks serving's own read ({@code FollowerViewReads}: the follower's memory merged with the sealed
 * rows, here taken from that span) at each distinct timestamp, a few at a time ({@link
 * io.tessera.serving.training.ServedTimelines}). Same reader, same merge: the value for {@code
 * (entity, t)} is the value serving returns at {@code t} (DESIGN.md invariant 5).
 *
 * <p>A view's batch source is still read once per job ({@link io.tessera.batch.read.BatchRows},
 * {@link io.tessera.serving.training.BatchHistory}) and would be folded into windows reaching
 * before a timeline's horizon ({@link io.tessera.serving.training.HistoryFold}); served timelines
 * have none (the sealed store is the lineage's whole history, which a backfill fills), so nothing
 * is folded. Moving the batch read to backfill is the backfill issue's.
 */
package io.tessera.serving.training;
