/**
 * The Cassandra storage layout of the aggregation engine's store port, owned here alone: the schema
 * ({@link io.tessera.storage.StorageSchema}, created idempotently at start-up), the partition and
 * clustering keys ({@link io.tessera.storage.StorageKeys}), the encodings of event values and
 * entity metadata, and the reads and writes ({@link io.tessera.storage.CassandraTileStore}, {@link
 * io.tessera.storage.CassandraTileReads}). Plain Java over the driver's asynchronous API: the
 * aggregation-service, serving and backfill use the same classes. See {@code docs/storage.md}.
 */
package io.tessera.storage;
