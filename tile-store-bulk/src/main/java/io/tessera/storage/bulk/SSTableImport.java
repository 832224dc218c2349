package io.tessera.storage.bulk;

import java.nio.file.Path;
import java.util.Set;

/** How finished SSTables reach the node: moved into one of its tables, live once this returns. */
public interface SSTableImport {

  /**
   * Makes the SSTables in {@code directories} part of {@code keyspace.table}; returns when they are
   * readable. The files are the node's afterwards (moved away or left to delete).
   *
   * @throws IllegalStateException when the node refused or could not load a directory
   */
  void importInto(String keyspace, String table, Set<Path> directories);
}
