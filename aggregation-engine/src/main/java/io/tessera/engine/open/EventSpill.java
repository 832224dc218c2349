package io.tessera.engine.open;

import io.tessera.engine.event.Event;
import io.tessera.engine.view.ViewAggregator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Raw events of one lineage on one partition written out of the heap, as segments of one {@link
 * SpillFile} per finest tile start, so that everything of a minute is freed at once when the minute
 * leaves memory (sealed, or durable in the store). The open state spills the events of its open
 * tiles here, a follower's buffer those of sealed minutes the store does not hold yet.
 *
 * <p>Appends and {@link #release}s come from one thread (the partition's consumer); {@link #read}
 * may run on request threads meanwhile, for segments appended before.
 */
public final class EventSpill {
  private final OpenStateBudget budget;
  private final NavigableMap<Long, SpillFile> files = new TreeMap<>();
  private final EventRecords records;
  private long bytes;

  /**
   * Where one spilled list of events is: its tile start's file, a position and a length, and where
   * in it each event's record starts (so one event can be read alone).
   */
  public record Segment(long tileStartMs, long position, int length, int[] eventStarts) {
    /** How many events the segment holds. */
    public int events() {
      return eventStarts.length;
    }
  }

  /** Spills of events of any columns, each name written in full. */
  public EventSpill(OpenStateBudget budget) {
    this(budget, EventRecords.NAMES_IN_FULL);
  }

  /** Spills of the events of {@code aggregator}'s lineage, its columns written as indexes. */
  public EventSpill(OpenStateBudget budget, ViewAggregator aggregator) {
    this(budget, EventRecords.of(aggregator));
  }

  EventSpill(OpenStateBudget budget, EventRecords records) {
    this.budget = budget;
    this.records = records;
  }

  /**
   * Writes {@code events} (of one entity's tile starting at {@code tileStartMs}) out of the heap.
   */
  public Segment append(long tileStartMs, List<Event> events) {
    EventRecords.Encoded encoded = records.encode(events);
    return append(tileStartMs, encoded.bytes(), encoded.bytes().length, encoded.starts());
  }

  /**
   * Writes {@code bytes[0..length)}, records as {@link EventRecords} encodes them starting at
   * {@code starts}, of one entity's tile starting at {@code tileStartMs}, out of the heap.
   */
  Segment append(long tileStartMs, byte[] bytes, int length, int[] starts) {
    SpillFile file =
        files.computeIfAbsent(tileStartMs, start -> SpillFile.create(budget.directory()));
    Segment segment = new Segment(tileStartMs, file.append(bytes, length), length, starts);
    this.bytes += length;
    budget.spilled(length);
    return segment;
  }

  /** The events of {@code segment}, of the entity {@code entityKey}, in the order appended. */
  public List<Event> read(String entityKey, Segment segment) {
    return records.decode(entityKey, file(segment).read(segment.position(), segment.length()));
  }

  /** Appends the events of {@code segment} to {@code into}, as sealed when {@code sealed}. */
  void read(String entityKey, Segment segment, boolean sealed, List<Event> into) {
    byte[] bytes = file(segment).read(segment.position(), segment.length());
    records.decode(entityKey, bytes, 0, bytes.length, sealed, into);
  }

  /** The {@code index}-th event of {@code segment}, read alone. */
  public Event readOne(String entityKey, Segment segment, int index) {
    int start = segment.eventStarts()[index];
    int end = index + 1 < segment.events() ? segment.eventStarts()[index + 1] : segment.length();
    byte[] record = file(segment).read(segment.position() + start, end - start);
    return records.decodeOne(entityKey, record, 0, record.length);
  }

  private SpillFile file(Segment segment) {
    SpillFile file = files.get(segment.tileStartMs());
    if (file == null) {
      throw new IllegalStateException("segment of a released tile start: " + segment);
    }
    return file;
  }

  /** Frees every segment of tiles starting before {@code beforeMs}. */
  public void releaseBefore(long beforeMs) {
    NavigableMap<Long, SpillFile> due = files.headMap(beforeMs, false);
    for (SpillFile file : due.values()) {
      bytes -= file.size();
      budget.spilled(-file.size());
      file.close();
    }
    due.clear();
  }

  /** Frees every segment: the state that spilled them is dropped. */
  public void close() {
    for (SpillFile file : files.values()) {
      bytes -= file.size();
      budget.spilled(-file.size());
      file.close();
    }
    files.clear();
  }

  /** The bytes of segments not released yet. */
  public long bytes() {
    return bytes;
  }
}
