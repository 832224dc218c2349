package io.tessera.engine.open;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.TaggedValue;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes open raw events wait in, in the heap ({@link TileEvents}) and in spill files alike: one
 * record per event, back to back, each readable alone from where it starts. Private to a running
 * process (neither memory nor a spill file outlives it), so unlike a sealed row's chunks the format
 * is not pinned: it may change with any release. The entity key is the tile's and is not written.
 *
 * <p>Why bytes and not {@link Event} objects: an open event lives for its minute plus the allowed
 * lateness, long enough to be copied by the young collections and marked by every old one. As a
 * dozen objects (the record, its id, its value map and boxed values) it made the collectors the
 * busiest part of an owner and a follower; as bytes in one array per tile it is nothing for them to
 * trace.
 */
final class EventRecords {

  private EventRecords() {}

  /** The events' records back to back, and where each starts. */
  record Encoded(byte[] bytes, int[] starts) {}

  static Encoded encode(List<Event> events) {
    IrOutput out = new IrOutput();
    int[] starts = new int[events.size()];
    for (int i = 0; i < events.size(); i++) {
      starts[i] = out.size();
      write(out, events.get(i));
    }
    return new Encoded(out.toByteArray(), starts);
  }

  /** Appends the record of {@code event} to {@code out}. */
  static void write(IrOutput out, Event event) {
    out.writeLong(event.eventTimeMs()).writeString(event.eventId()).writeLong(event.offset());
    out.writeLong(event.values().size());
    event
        .values()
        .forEach(
            (column, value) -> {
              out.writeString(column);
              TaggedValue.write(out, value);
            });
  }

  /** The events of records back to back in {@code bytes[from..to)}. */
  static List<Event> decode(String entityKey, byte[] bytes, int from, int to) {
    IrInput in = new IrInput(bytes, from, to);
    List<Event> events = new ArrayList<>();
    while (!in.atEnd()) {
      events.add(read(entityKey, in));
    }
    return events;
  }

  /** The events of records back to back, as {@link #encode} wrote them. */
  static List<Event> decode(String entityKey, byte[] bytes) {
    return decode(entityKey, bytes, 0, bytes.length);
  }

  /** The one record starting at {@code from}. */
  static Event decodeOne(String entityKey, byte[] bytes, int from, int to) {
    return read(entityKey, new IrInput(bytes, from, to));
  }

  private static Event read(String entityKey, IrInput in) {
    long timeMs = in.readLong();
    String id = in.readString();
    long offset = in.readLong();
    int valueCount = in.readLength();
    EventValues.Builder values = EventValues.builder(valueCount);
    for (int v = 0; v < valueCount; v++) {
      values.put(in.readString(), TaggedValue.read(in));
    }
    return new Event(entityKey, timeMs, id, offset, values.build());
  }
}
