/**
 * Training data (offline retrieval): for a spine of (entity keys, timestamp) rows, every selected
 * feature as serving would have answered it at that timestamp, written as CSV or Parquet.
 *
 * <p>The request is validated up front ({@link io.tessera.serving.training.SpineTable} loads and
 * checks the spine; the selection resolves exactly as online serving resolves it), then runs as a
 * {@link io.tessera.serving.training.TrainingJob}. The job sweeps the spine grouped by entity and
 * sorted by time: per (entity, view) it reads the stored state the plans of all the entity's
 * timestamps need once ({@link io.tessera.serving.training.SnapshotLoader}), decodes each tile once
 * ({@link io.tessera.serving.training.EntitySnapshot}), then answers each row with the engine's own
 * {@code AsyncViewReader} over that decoded copy. Same reader, same tiles, same events, same merge
 * order: the value for {@code (entity, t)} is the value serving returns at {@code t} (DESIGN.md
 * invariant 5).
 *
 * <p>A view with a batch source also gets the history older than what the store holds: the source
 * is read once per job ({@link io.tessera.serving.training.BatchSourceRows}), put through the
 * view's compiled transformation ({@link io.tessera.serving.training.BatchHistory}), and windows
 * reaching before the store are folded from those events and the store's event log ({@link
 * io.tessera.serving.training.HistoryFold}).
 */
package io.tessera.serving.training;
