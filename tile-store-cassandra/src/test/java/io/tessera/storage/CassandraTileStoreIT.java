package io.tessera.storage;

import io.tessera.engine.store.TileStore;
import io.tessera.engine.store.TileStoreContract;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;

/** The Cassandra store keeps the engine's store contract, against the real server. */
@RealStackTest
class CassandraTileStoreIT extends TileStoreContract {
  private static CassandraTileStore shared;

  @Override
  protected TileStore createStore() {
    return sharedStore();
  }

  /** One set of tables for all contract tests (DDL costs about a second per table). */
  static synchronized CassandraTileStore sharedStore() {
    if (shared == null) {
      StorageSchema schema = new StorageSchema(UniqueNames.of("st") + "_");
      schema.create(LocalStack.get().cqlSession());
      shared = new CassandraTileStore(LocalStack.get().cqlSession(), schema, ViewRetention.FOREVER);
    }
    return shared;
  }
}
