package io.tessera.engine.open;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.TaggedValue;
import io.tessera.engine.event.Event;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a spilled segment: one tile's raw events, in the order given. Private to a running
 * process (a spill file never outlives it), so unlike a sealed row's chunks the format is not
 * pinned: it may change with any release. The entity key is the tile's and is not written.
 */
final class SpilledEvents {

  private SpilledEvents() {}

  /**
   * The events' records back to back, and where each starts: an event can be read alone (a
   * duplicate's confirmation reads one record, not its whole segment).
   */
  record Encoded(byte[] bytes, int[] starts) {}

  static Encoded encode(List<Event> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] starts = new int[events.size()];
    for (int i = 0; i < events.size(); i++) {
      starts[i] = out.size();
      out.writeBytes(record(events.get(i)));
    }
    return new Encoded(out.toByteArray(), starts);
  }

  private static byte[] record(Event event) {
    IrOutput out = new IrOutput();
    out.writeLong(event.eventTimeMs()).writeString(event.eventId()).writeLong(event.offset());
    out.writeLong(event.values().size());
    for (Map.Entry<String, Object> value : event.values().entrySet()) {
      out.writeString(value.getKey());
      TaggedValue.write(out, value.getValue());
    }
    return out.toByteArray();
  }

  /** The events of records back to back, as {@link #encode} wrote them. */
  static List<Event> decode(String entityKey, byte[] bytes) {
    IrInput in = new IrInput(bytes);
    List<Event> events = new ArrayList<>();
    while (!in.atEnd()) {
      events.add(read(entityKey, in));
    }
    return events;
  }

  private static Event read(String entityKey, IrInput in) {
    long timeMs = in.readLong();
    String id = in.readString();
    long offset = in.readLong();
    int valueCount = in.readLength();
    Map<String, Object> values = new HashMap<>(valueCount * 2);
    for (int v = 0; v < valueCount; v++) {
      values.put(in.readString(), TaggedValue.read(in));
    }
    return new Event(entityKey, timeMs, id, offset, values);
  }
}
