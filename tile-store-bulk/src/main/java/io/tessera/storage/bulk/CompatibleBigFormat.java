package io.tessera.storage.bulk;

import java.util.Map;
import org.apache.cassandra.io.sstable.format.Version;
import org.apache.cassandra.io.sstable.format.big.BigFormat;

/**
 * The "big" SSTable format at version {@code nb}, the newest a Cassandra 5.0 node in its default
 * {@code storage_compatibility_mode: CASSANDRA_4} reads and writes. Cassandra's client mode (the
 * SSTable writer outside a node) forces compatibility mode {@code NONE} and so writes {@code oa},
 * which such a node does not list: its import would find nothing and report no error. Every 5.0
 * node reads {@code nb}, whatever its mode, so the bulk writer always writes it.
 */
final class CompatibleBigFormat extends BigFormat {
  static final String VERSION = "nb";

  // made once: a Version parses its name with regular expressions, and writers ask per partition
  private final Version version;

  CompatibleBigFormat() {
    super(Map.of());
    this.version = getVersion(VERSION);
  }

  @Override
  public Version getLatestVersion() {
    return version;
  }
}
