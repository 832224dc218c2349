package io.tessera.storage.bulk;

import java.util.List;
import java.util.Optional;

/**
 * Whether this JVM can run Cassandra's SSTable writer: on Java 17 it reads JDK internals (a file
 * descriptor's number, direct buffers), which the JVM must open to it ({@code
 * local-stack/jvm/sstable-writer.options}). Checked before a writer chooses bulk writes: without
 * them the first batch would fail deep inside Cassandra's static initializers.
 */
public final class SSTableWriterRuntime {
  private static final List<String> OPENED_PACKAGES = List.of("java.io", "java.nio", "sun.nio.ch");

  private SSTableWriterRuntime() {}

  /** Why the writer cannot run here, or empty when it can. */
  public static Optional<String> unavailable() {
    Module base = Object.class.getModule();
    Module self = SSTableWriterRuntime.class.getModule();
    List<String> closed = OPENED_PACKAGES.stream().filter(p -> !base.isOpen(p, self)).toList();
    return closed.isEmpty()
        ? Optional.empty()
        : Optional.of(
            "the JVM does not open "
                + closed
                + " of java.base to Cassandra's SSTable writer; start it with"
                + " @local-stack/jvm/sstable-writer.options");
  }
}
