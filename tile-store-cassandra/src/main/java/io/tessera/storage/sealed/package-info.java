/**
 * The Cassandra layout of the storage port ({@link io.tessera.engine.sealed.SealedStore}), owned
 * here alone. Only sealed data is written: sealed finest rows (the canonical tile with its raw
 * events, in chunks), closed coarse tiles, manifests of the entities each tile rolls up, and one
 * checkpoint per normalized partition. {@link io.tessera.storage.sealed.SealedSchema} creates the
 * tables, {@code SealedKeys} owns the partition buckets, the codecs own the blobs, and {@link
 * io.tessera.storage.sealed.CassandraSealedStore} is the port. Plain Java over the driver's
 * asynchronous API. See {@code docs/storage.md}.
 */
package io.tessera.storage.sealed;
