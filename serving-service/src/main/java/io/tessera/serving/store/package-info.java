/**
 * The sealed store as serving reads it: decorators named by concern, wired in one place ({@code
 * config.FollowerConfiguration}): {@link io.tessera.serving.store.SealedBlockCache} (outermost: it
 * holds the store's blocks, an entity's rows of one kind over one of the store's partitions, so a
 * window edge that moved on still hits, and a hit never touches the store; rows before the durable
 * seal point are final) around {@link io.tessera.serving.store.ResilientSealedReads} (bulkhead,
 * circuit breaker and per-call timeout of the {@link io.tessera.serving.store.StoreCallGuard})
 * around {@code CassandraSealedStore}. The blocks are the store's own ({@code
 * CassandraSealedStore.blocks}, an engine {@code SealedBlocks}), so the cache never learns how
 * Cassandra lays rows out. In front of all of them, {@link
 * io.tessera.serving.store.SealedWindowIrCache} holds each window's sealed part already merged, so
 * a request whose windows hit it reads only the raw edge and merges the follower's memory.
 */
package io.tessera.serving.store;
