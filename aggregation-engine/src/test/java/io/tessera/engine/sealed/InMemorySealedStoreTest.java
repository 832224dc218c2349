package io.tessera.engine.sealed;

/** The reference store keeps the sealed-store contract. */
class InMemorySealedStoreTest extends SealedStoreContract {
  @Override
  protected SealedStore createStore() {
    return new InMemorySealedStore();
  }
}
