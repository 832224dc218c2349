/**
 * The Cassandra layout of the version-2 storage port ({@link
 * io.tessera.engine.sealed.SealedStore}), beside the version-1 layout of {@code io.tessera.storage}
 * that the running services still use. Only sealed data is written: sealed finest rows (the
 * canonical tile with its raw events, in chunks), closed coarse tiles, and one checkpoint per
 * normalized partition. {@link io.tessera.storage.sealed.SealedSchema} creates the tables, {@code
 * SealedKeys} owns the partition buckets, the codecs own the blobs, and {@link
 * io.tessera.storage.sealed.CassandraSealedStore} is the port. See {@code docs/storage.md},
 * "Version 2 layout".
 */
package io.tessera.storage.sealed;
