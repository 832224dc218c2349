package io.tessera.engine.store;

/** The reference store keeps the store contract. */
class InMemoryTileStoreTest extends TileStoreContract {
  @Override
  protected TileStore createStore() {
    return new InMemoryTileStore();
  }
}
