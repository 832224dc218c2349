/**
 * The store as serving reads it: the storage module's asynchronous reads wrapped in decorators
 * named by concern, wired in one place ({@code config.StoreConfiguration}): {@link
 * io.tessera.serving.store.SealedTileCache} (outermost: a hit never touches the store) around
 * {@link io.tessera.serving.store.ResilientTileReads} (bulkhead, circuit breaker and per-call
 * timeout) around {@code CassandraTileReads}. In front of all of them, {@link
 * io.tessera.serving.store.SealedWindowIrCache} holds each window's sealed part already merged, so
 * a request whose windows hit it reads only the head, the unsealed tiles and the edges.
 */
package io.tessera.serving.store;
