/**
 * The storage port: what the engine reads and writes (event log, pending events, tiles, per-entity
 * metadata), independent of the store. {@link io.tessera.engine.store.InMemoryTileStore} is the
 * reference implementation; the Cassandra store must pass the same contract test ({@code
 * TileStoreContract} in this module's test-jar).
 */
package io.tessera.engine.store;
