/**
 * Compaction, as pure steps the aggregation-service (and backfill) drive: tiles absorb pending
 * events, coarse tiles are built from finer ones when they close, and tiles older than the allowed
 * lateness are sealed by canonical recomputation (invariant 3). A step computes writes; applying
 * them in order (tiles, metadata, pending deletion) keeps concurrent reads exact (invariant 2).
 */
package io.tessera.engine.compaction;
