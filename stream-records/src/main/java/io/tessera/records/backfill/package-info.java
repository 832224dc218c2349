/**
 * The records of backfills: commands on the {@code backfill-requests} topic (start one, cancel
 * one), written by the registry and taken by the backfill workers of a consumer group, and the
 * statuses on the compacted {@code backfill-status} topic, written by the workers and read by the
 * registry (progress), serving (when a version may serve) and ingest (when an old version stops
 * being fed).
 */
package io.tessera.records.backfill;
