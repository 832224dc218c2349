/**
 * The store as serving reads it: the storage module's asynchronous reads wrapped in decorators
 * named by concern, wired in one place ({@code config.StoreConfiguration}): {@link
 * io.tessera.serving.store.SealedTileCache} (outermost: a hit never touches the store) around
 * {@link io.tessera.serving.store.ResilientTileReads} (bulkhead, circuit breaker and per-call
 * timeout) around {@code CassandraTileReads}.
 */
package io.tessera.serving.store;
