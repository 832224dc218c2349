package io.tessera.storage.sealed;

import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.sealed.SealedStoreContract;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;

/** The Cassandra store keeps the engine's sealed-store contract, against the real server. */
@RealStackTest
class CassandraSealedStoreIT extends SealedStoreContract {
  private static SealedSchema schema;
  private static CassandraSealedStore shared;

  @Override
  protected SealedStore createStore() {
    return sharedStore();
  }

  /** One set of tables for all contract tests (DDL costs about a second per table). */
  static synchronized CassandraSealedStore sharedStore() {
    if (shared == null) {
      shared =
          new CassandraSealedStore(
              LocalStack.get().cqlSession(),
              sharedSchema(),
              view -> SealedStoreContract.FINEST_MS,
              ViewRetention.FOREVER);
    }
    return shared;
  }

  /** Tables of a fresh prefix, created once per test JVM. */
  static synchronized SealedSchema sharedSchema() {
    if (schema == null) {
      schema = new SealedSchema(UniqueNames.of("sealed") + "_");
      schema.create(LocalStack.get().cqlSession());
    }
    return schema;
  }
}
