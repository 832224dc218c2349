package io.tessera.registry;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tessera.testsupport.LocalStack;
import java.time.Duration;

/** Drops a test's registry tables, so the shared test keyspace does not collect them. */
final class RegistryTables {

  private RegistryTables() {}

  static void drop(String prefix) {
    for (String table : new String[] {"definition_versions", "definition_latest"}) {
      LocalStack.get()
          .cqlSession()
          .execute(
              SimpleStatement.newInstance("DROP TABLE IF EXISTS " + prefix + table)
                  .setTimeout(Duration.ofSeconds(60)));
    }
  }
}
