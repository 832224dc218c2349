/**
 * Normalized events: what ingest publishes after a view's transformation and what aggregation and
 * backfill consume. A compact binary encoding with a format-version byte, keyed by (view, entity)
 * so that one entity's events stay ordered on one partition.
 */
package io.tessera.records.normalized;
