/**
 * A view lineage's history written from batch events through the streaming core's own code, cut
 * into {@link io.tessera.backfill.WorkUnit}s (normalized partition × coarsest tile) that share
 * nothing and so run in parallel: {@link io.tessera.backfill.LineageBackfill}. What reads the batch
 * source, normalizes its rows and hands the stream over at the end of the range is the caller's.
 */
package io.tessera.backfill;
