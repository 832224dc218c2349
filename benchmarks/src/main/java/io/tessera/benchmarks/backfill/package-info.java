/**
 * Backfill throughput: a generated Parquet history backfilled into the local stack's Cassandra
 * through the view's batch source, transformation and the backfill writer, until a value read back
 * as a replica reads it equals the same window computed by DuckDB over the file.
 */
package io.tessera.benchmarks.backfill;
