package io.tessera.engine.open;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.MalformedIrException;
import io.tessera.engine.encoding.TaggedValue;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventValues;
import io.tessera.engine.view.ViewAggregator;
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
 *
 * <p>A record: event time, id, offset (zig-zag varints and a string), the value count, then per
 * value its column and the {@link TaggedValue}. A column of the lineage's own ({@link
 * ViewAggregator#columns}, all a projected event has) is written as its index plus one, any other
 * as 0 and its name: the names were a third of a record's bytes, and decoding them made a string
 * per value; decoded, a lineage column is the very instance the features look up.
 */
final class EventRecords {
  /** No columns of a lineage's: every name written in full. */
  static final EventRecords NAMES_IN_FULL = new EventRecords(new String[0]);

  private final String[] columns;

  private EventRecords(String[] columns) {
    this.columns = columns;
  }

  /** The records of the lineage of {@code aggregator}, whose columns are written as indexes. */
  static EventRecords of(ViewAggregator aggregator) {
    return new EventRecords(aggregator.columns());
  }

  /** The events' records back to back, and where each starts. */
  record Encoded(byte[] bytes, int[] starts) {}

  Encoded encode(List<Event> events) {
    IrOutput out = new IrOutput();
    int[] starts = new int[events.size()];
    for (int i = 0; i < events.size(); i++) {
      starts[i] = out.size();
      write(out, events.get(i));
    }
    return new Encoded(out.toByteArray(), starts);
  }

  /** Appends the record of {@code event} to {@code out}. */
  void write(IrOutput out, Event event) {
    out.writeLong(event.eventTimeMs()).writeString(event.eventId()).writeLong(event.offset());
    out.writeLong(event.values().size());
    event
        .values()
        .forEach(
            (column, value) -> {
              int index = indexOf(column);
              out.writeLong(index + 1);
              if (index < 0) {
                out.writeString(column);
              }
              TaggedValue.write(out, value);
            });
  }

  /**
   * Appends to {@code into} the events of records back to back in {@code bytes[from..to)}; as a
   * sealed row holds them ({@link Event#SEALED} for their offsets) when {@code sealed}, which
   * spares the seal a copy of every event.
   */
  void decode(String entityKey, byte[] bytes, int from, int to, boolean sealed, List<Event> into) {
    IrInput in = new IrInput(bytes, from, to);
    while (!in.atEnd()) {
      into.add(read(entityKey, in, sealed));
    }
  }

  /** The events of records back to back in {@code bytes[from..to)}. */
  List<Event> decode(String entityKey, byte[] bytes, int from, int to) {
    List<Event> events = new ArrayList<>();
    decode(entityKey, bytes, from, to, false, events);
    return events;
  }

  /** The events of records back to back, as {@link #encode} wrote them. */
  List<Event> decode(String entityKey, byte[] bytes) {
    return decode(entityKey, bytes, 0, bytes.length);
  }

  /** The one record starting at {@code from}. */
  Event decodeOne(String entityKey, byte[] bytes, int from, int to) {
    return read(entityKey, new IrInput(bytes, from, to), false);
  }

  private int indexOf(String column) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == column) {
        return i;
      }
    }
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].equals(column)) {
        return i;
      }
    }
    return -1;
  }

  private Event read(String entityKey, IrInput in, boolean sealed) {
    long timeMs = in.readLong();
    String id = in.readString();
    long offset = in.readLong();
    int valueCount = in.readLength();
    EventValues.Builder values = EventValues.builder(valueCount);
    for (int v = 0; v < valueCount; v++) {
      long column = in.readLong(); // not a length: a small index may exceed the bytes left
      if (column < 0 || column > columns.length) {
        throw new MalformedIrException("column " + column + " of " + columns.length);
      }
      String name = column == 0 ? in.readString() : columns[(int) column - 1];
      values.put(name, TaggedValue.read(in));
    }
    return new Event(entityKey, timeMs, id, sealed ? Event.SEALED : offset, values.build());
  }
}
