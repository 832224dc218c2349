package io.tessera.engine.open;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.TaggedValue;
import io.tessera.engine.event.Event;
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

  static byte[] encode(List<Event> events) {
    IrOutput out = new IrOutput();
    out.writeLong(events.size());
    for (Event event : events) {
      out.writeLong(event.eventTimeMs()).writeString(event.eventId()).writeLong(event.offset());
      out.writeLong(event.values().size());
      for (Map.Entry<String, Object> value : event.values().entrySet()) {
        out.writeString(value.getKey());
        TaggedValue.write(out, value.getValue());
      }
    }
    return out.toByteArray();
  }

  static List<Event> decode(String entityKey, byte[] bytes) {
    IrInput in = new IrInput(bytes);
    int count = in.readLength();
    List<Event> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long timeMs = in.readLong();
      String id = in.readString();
      long offset = in.readLong();
      int valueCount = in.readLength();
      Map<String, Object> values = new HashMap<>(valueCount * 2);
      for (int v = 0; v < valueCount; v++) {
        values.put(in.readString(), TaggedValue.read(in));
      }
      events.add(new Event(entityKey, timeMs, id, offset, values));
    }
    return events;
  }
}
