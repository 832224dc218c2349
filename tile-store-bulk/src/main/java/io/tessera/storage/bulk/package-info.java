/**
 * Bulk writes of the sealed layout, for a backfill: {@link io.tessera.storage.bulk.BulkSealedStore}
 * is the storage port whose batches ({@link io.tessera.engine.sealed.SealedBatch}, one per work
 * unit) write their rows into SSTables in this process, with Cassandra's own {@code
 * CQLSSTableWriter} over the rows {@link io.tessera.storage.sealed.SealedRows} encodes for the CQL
 * store, and hand them to the node whole at commit ({@link io.tessera.storage.bulk.SSTableImport}).
 * Everything else (reads, checkpoints, single writes) goes to the store it decorates. See {@code
 * docs/storage.md}, "Bulk writes".
 */
package io.tessera.storage.bulk;
