package io.tessera.aggregation.backfill;

import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.storage.bulk.BulkSealedStore;
import io.tessera.storage.bulk.BulkSettings;
import io.tessera.storage.bulk.JmxImport;
import io.tessera.storage.bulk.SSTableWriterRuntime;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.storage.sealed.SealedInsert;
import io.tessera.storage.sealed.SealedSchema;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store backfills write into, chosen once at start-up from {@code
 * tessera.aggregation.backfill.write-mode}: the owner's CQL store, or in import mode that store
 * with bulk batches ({@link BulkSealedStore}: a unit's rows as SSTables the node imports). Import
 * mode falls back to CQL, saying so in the log, when this JVM cannot run the SSTable writer or the
 * node's JMX does not answer or lacks the tables: a backfill then runs slower, never not at all.
 */
final class BackfillStores {
  private static final Logger log = LoggerFactory.getLogger(BackfillStores.class);

  private BackfillStores() {}

  static SealedStore choose(
      BackfillProperties properties,
      CassandraSealedStore cql,
      String keyspace,
      SealedSchema schema,
      ViewCatalog views) {
    if (properties.writeMode() == BackfillWriteMode.CQL) {
      log.info("backfills write sealed rows through CQL (write-mode cql)");
      return cql;
    }
    BackfillProperties.Bulk bulk = properties.bulk();
    JmxImport importer = new JmxImport(bulk.jmxHost(), bulk.jmxPort());
    Optional<String> unavailable =
        SSTableWriterRuntime.unavailable()
            .or(() -> importer.unavailable(keyspace, SealedInsert.MINUTE_TILE.table(schema)));
    if (unavailable.isPresent()) {
      log.warn(
          "backfills write sealed rows through CQL, not by SSTable import (write-mode import): {}",
          unavailable.get());
      return cql;
    }
    BulkSettings settings =
        new BulkSettings(keyspace, schema, properties.effectiveBulkDirectory(), bulk.bufferMib());
    log.info(
        "backfills write sealed rows as SSTables in {} imported over JMX at {}:{} (write-mode"
            + " import)",
        settings.directory(),
        bulk.jmxHost(),
        bulk.jmxPort());
    return new BulkSealedStore(cql, views::finestMs, views, settings, importer);
  }
}
