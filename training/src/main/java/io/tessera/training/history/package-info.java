/**
 * A view's batch-source history for a spine's entities ({@link
 * io.tessera.training.history.BatchHistory}: read through the batch-sources library, each row put
 * through the view's compiled transformation) and its fold into windows reaching before what the
 * store holds ({@link io.tessera.training.history.HistoryFold}). Served timelines have no such
 * horizon (the sealed store is the lineage's whole history, which a backfill fills), so nothing is
 * folded today; moving the batch read to backfill is the backfill issue's.
 */
package io.tessera.training.history;
