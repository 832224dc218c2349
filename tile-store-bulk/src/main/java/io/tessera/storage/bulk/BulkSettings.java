package io.tessera.storage.bulk;

import io.tessera.storage.sealed.SealedSchema;
import java.nio.file.Path;

/**
 * Where a bulk store's SSTables go and what they are for.
 *
 * @param keyspace the keyspace of the tables (the services' session keyspace)
 * @param schema the tables' prefix: the SSTables are described with its own {@code CREATE TABLE}
 * @param directory where a batch writes its SSTables until the import moves them: on the node's
 *     file system, ideally the file system of its data directory (a move is then a rename)
 * @param bufferMiB rows one SSTable writer sorts in memory before it writes a file; a batch has up
 *     to four writers (minute tiles, event chunks, coarse tiles, manifests)
 */
public record BulkSettings(String keyspace, SealedSchema schema, Path directory, int bufferMiB) {

  /** Large enough that a work unit of a few hundred thousand events is one SSTable per table. */
  public static final int DEFAULT_BUFFER_MIB = 32;

  public BulkSettings {
    if (keyspace == null || keyspace.isBlank()) {
      throw new IllegalArgumentException("a bulk store needs its keyspace");
    }
    if (bufferMiB < 1) {
      throw new IllegalArgumentException("bufferMiB must be at least 1");
    }
  }
}
