package io.tessera.storage.bulk;

import io.tessera.storage.sealed.SealedInsert;
import java.nio.file.Path;
import org.apache.cassandra.io.sstable.CQLSSTableWriter;

/**
 * Opens Cassandra's SSTable writer for one kind of sealed row: described by the schema's own {@code
 * CREATE TABLE} and written through the same insert the CQL store prepares, qualified with the
 * keyspace as the writer requires. The writer runs Cassandra in client mode (no node, no commit
 * log); the partitioner is its default, Murmur3, the node's too; the format is {@link
 * CompatibleBigFormat}, the one every 5.0 node imports.
 */
final class SSTableWriters {
  private static final CompatibleBigFormat FORMAT = new CompatibleBigFormat();

  private SSTableWriters() {}

  static CQLSSTableWriter open(BulkSettings settings, SealedInsert insert, Path directory) {
    String table = settings.keyspace() + "." + insert.table(settings.schema());
    // build() registers the table in the process's client-mode schema: one at a time
    synchronized (SSTableWriters.class) {
      return CQLSSTableWriter.builder()
          .inDirectory(directory.toAbsolutePath().toString())
          .forTable(settings.schema().createTable(insert, settings.keyspace()))
          .using(insert.cql(table))
          .withBufferSizeInMiB(settings.bufferMiB())
          .withFormat(FORMAT)
          .build();
    }
  }
}
