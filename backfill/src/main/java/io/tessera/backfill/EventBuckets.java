package io.tessera.backfill;

import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The events of a backfill routed to one file per {@link WorkUnit} as they are read, so reading a
 * source of any size holds only write buffers, and each unit later loads only its own events.
 * Records are the normalized topic's own encoding, length-prefixed. At most {@link #OPEN_FILES}
 * files are open at once (the least recently written is closed and reopened to append), so a long
 * history over many partitions needs no more descriptors than a short one. Not thread-safe: one
 * reader routes; units are read once routing is {@link #finish}ed.
 */
final class EventBuckets implements AutoCloseable {
  static final int OPEN_FILES = 128;
  private static final int BUFFER_BYTES = 16 * 1024;

  /** Oldest tiles first (a partial backfill then covers a prefix of time), then by partition. */
  static final Comparator<WorkUnit> UNIT_ORDER =
      Comparator.comparingLong(WorkUnit::startMs).thenComparingInt(WorkUnit::partition);

  private final Path directory;
  private final Map<WorkUnit, Path> files = new HashMap<>();
  private final SortedMap<WorkUnit, Long> counts = new TreeMap<>(UNIT_ORDER);
  private final Map<WorkUnit, DataOutputStream> open =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<WorkUnit, DataOutputStream> eldest) {
          if (size() > OPEN_FILES) {
            closeQuietly(eldest.getValue());
            return true;
          }
          return false;
        }
      };
  private long bytes;

  /** Buckets in a new directory under {@code parent}, deleted on {@link #close}. */
  EventBuckets(Path parent) {
    try {
      Files.createDirectories(parent);
      this.directory = Files.createTempDirectory(parent, "backfill-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a backfill directory under " + parent, e);
    }
  }

  /** Appends {@code event} to the file of {@code unit}. */
  void add(WorkUnit unit, NormalizedEvent event) {
    byte[] record = NormalizedEventCodec.encode(event);
    try {
      DataOutputStream out = open.get(unit);
      if (out == null) {
        Path file = files.computeIfAbsent(unit, this::fileOf);
        out =
            new DataOutputStream(
                new BufferedOutputStream(
                    Files.newOutputStream(
                        file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                    BUFFER_BYTES));
        open.put(unit, out);
      }
      out.writeInt(record.length);
      out.write(record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the events of " + unit, e);
    }
    counts.merge(unit, 1L, Long::sum);
    bytes += 4 + record.length;
  }

  /** Flushes and closes every file: call it once the source is read, before {@link #read}. */
  void finish() {
    try {
      for (DataOutputStream out : open.values()) {
        out.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the backfill's event files", e);
    } finally {
      open.clear();
    }
  }

  /** The units that hold events, in {@link #UNIT_ORDER}, with how many each holds. */
  SortedMap<WorkUnit, Long> units() {
    return new TreeMap<>(counts);
  }

  /** The bytes routed so far. */
  long bytes() {
    return bytes;
  }

  /** The events of {@code unit}, in the order they were added. */
  List<NormalizedEvent> read(WorkUnit unit) {
    Path file = files.get(unit);
    List<NormalizedEvent> events = new ArrayList<>();
    if (file == null) {
      return events;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException end) {
          return events;
        }
        byte[] record = new byte[length];
        in.readFully(record);
        events.add(NormalizedEventCodec.decode(record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the events of " + unit, e);
    }
  }

  /** Deletes the unit's file: its events are written. */
  void release(WorkUnit unit) {
    Path file = files.get(unit);
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file, e);
      }
    }
  }

  @Override
  public void close() {
    open.values().forEach(EventBuckets::closeQuietly);
    open.clear();
    try (var paths = Files.list(directory)) {
      for (Path file : paths.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  private Path fileOf(WorkUnit unit) {
    return directory.resolve("p" + unit.partition() + "-" + unit.startMs() + ".events");
  }

  private static void closeQuietly(DataOutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close a backfill event file", e);
    }
  }
}
