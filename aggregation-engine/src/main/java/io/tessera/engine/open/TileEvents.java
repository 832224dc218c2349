package io.tessera.engine.open;

import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The raw events of one open tile as {@link EventRecords}: those in the heap back to back in one
 * array, those spilled as segments of the lineage's {@link EventSpill}, and per event one {@code
 * long} holding a 32-bit hash of its id beside where its record starts. A few objects per tile
 * whatever its events, so the open state costs the collectors next to nothing to trace.
 *
 * <p>De-duplication is asked here when the state's {@link IdHashes} hold the event's fingerprint (a
 * duplicate, or a collision): a scan of the hashes, newest first (a redelivery follows its first
 * delivery closely), decodes only the records whose hash matches, so a collision costs a decode,
 * never an event. Events are kept in arrival order: the first {@link #spilledCount} are in the
 * segments, in order, the rest in memory.
 *
 * <p>Not thread-safe; confined like the {@link OpenState} that holds it.
 */
final class TileEvents {
  private static final byte[] NONE = new byte[0];

  private byte[] memory = NONE;
  private int memoryLength;
  private long[] entries = new long[1]; // per event: id hash << 32 | record start in memory
  private int count;
  private int spilledCount;
  private EventSpill spill; // set by the first spill
  private EventSpill.Segment[] segments;
  private int segmentCount;
  private long segmentBytes; // estimated heap of the segments (their array is counted apart)

  /** The hash the entries hold for {@code eventId}. */
  static int hash(String eventId) {
    // FNV-1a over the UTF-16 chars (no byte copy: this runs per applied event), then a finalizer
    // to spread the bits; hashes live only in this process's memory
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < eventId.length(); i++) {
      h = (h ^ eventId.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (int) (h ^ (h >>> 32));
  }

  /** Appends {@code event} as {@code records} write it, with the caller's {@code scratch}. */
  void add(Event event, int idHash, IrOutput scratch, EventRecords records) {
    scratch.reset();
    records.write(scratch, event);
    int length = scratch.size();
    if (memoryLength + length > memory.length) {
      memory = Arrays.copyOf(memory, Math.max(memoryLength + length, memory.length * 3 / 2));
    }
    scratch.copyTo(memory, memoryLength);
    if (count == entries.length) {
      entries = Arrays.copyOf(entries, count * 2);
    }
    entries[count] = (long) idHash << 32 | memoryLength;
    memoryLength += length;
    count++;
  }

  /**
   * The applied event with {@code eventId} and id hash {@code idHash}, or null. A tile holds each
   * id once, so the order of the scan changes only its cost: newest first, where a redelivery finds
   * its first delivery after a few entries in a hot tile of thousands.
   */
  Event find(String eventId, int idHash, String entityKey, EventRecords records) {
    for (int i = count - 1; i >= 0; i--) {
      if (idHash(i) == idHash) {
        Event event = read(i, entityKey, records);
        if (event.eventId().equals(eventId)) {
          return event;
        }
      }
    }
    return null;
  }

  /** The id hash of the {@code i}-th event in arrival order. */
  int idHash(int i) {
    return (int) (entries[i] >>> 32);
  }

  private Event read(int i, String entityKey, EventRecords records) {
    if (i >= spilledCount) {
      int start = (int) entries[i];
      int end = i + 1 < count ? (int) entries[i + 1] : memoryLength;
      return records.decodeOne(entityKey, memory, start, end);
    }
    int first = 0;
    for (int s = 0; ; s++) {
      EventSpill.Segment segment = segments[s];
      if (i < first + segment.events()) {
        return spill.readOne(entityKey, segment, i - first);
      }
      first += segment.events();
    }
  }

  /**
   * Every event, in arrival order: the spilled ones read back, then those in memory; as a sealed
   * row holds them (without their offsets) when {@code sealed}.
   */
  List<Event> all(String entityKey, boolean sealed, EventRecords records) {
    List<Event> events = new ArrayList<>(count);
    for (int s = 0; s < segmentCount; s++) {
      spill.read(entityKey, segments[s], sealed, events);
    }
    records.decode(entityKey, memory, 0, memoryLength, sealed, events);
    return events;
  }

  int count() {
    return count;
  }

  boolean hasSpilled() {
    return spilledCount > 0;
  }

  /** The heap the records in memory take: what a spill would free. */
  long memoryBytes() {
    return memory.length;
  }

  /**
   * Whether moving the records in memory to a file frees more heap than the segment then pointing
   * at them costs: a tile of one or two short events is cheaper to keep, and a spill always leaves
   * the state holding less.
   */
  boolean worthSpilling() {
    return memoryLength > MemoryEstimate.segment(count - spilledCount);
  }

  /** Moves the records in memory to a segment of {@code target}, a file of {@code tileStartMs}. */
  void spill(EventSpill target, long tileStartMs) {
    if (memoryLength == 0) {
      return;
    }
    spill = target;
    int[] starts = new int[count - spilledCount];
    for (int i = spilledCount; i < count; i++) {
      starts[i - spilledCount] = (int) entries[i];
    }
    if (segments == null) {
      segments = new EventSpill.Segment[2];
    } else if (segmentCount == segments.length) {
      segments = Arrays.copyOf(segments, segmentCount * 2);
    }
    segments[segmentCount++] = target.append(tileStartMs, memory, memoryLength, starts);
    segmentBytes += MemoryEstimate.segment(starts.length);
    spilledCount = count;
    memory = NONE;
    memoryLength = 0;
  }

  /** A rough heap size of this object and its arrays. */
  long estimatedBytes() {
    long bytes =
        MemoryEstimate.OBJECT_BYTES
            + MemoryEstimate.array(memory.length)
            + MemoryEstimate.array(8L * entries.length);
    if (segments != null) {
      bytes += MemoryEstimate.array(4L * segments.length) + segmentBytes;
    }
    return bytes;
  }
}
