package io.tessera.engine.open;

import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.MalformedIrException;
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
  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int STRING = 3;
  private static final int BOOLEAN = 4;

  private SpilledEvents() {}

  static byte[] encode(List<Event> events) {
    IrOutput out = new IrOutput();
    out.writeLong(events.size());
    for (Event event : events) {
      out.writeLong(event.eventTimeMs()).writeString(event.eventId()).writeLong(event.offset());
      out.writeLong(event.values().size());
      for (Map.Entry<String, Object> value : event.values().entrySet()) {
        out.writeString(value.getKey());
        write(out, value.getValue());
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
        values.put(in.readString(), read(in));
      }
      events.add(new Event(entityKey, timeMs, id, offset, values));
    }
    return events;
  }

  private static void write(IrOutput out, Object value) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Long l) {
      out.writeByte(LONG).writeLong(l);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE).writeDouble(d);
    } else if (value instanceof String s) {
      out.writeByte(STRING).writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN).writeByte(b ? 1 : 0);
    } else {
      throw new IllegalArgumentException("unsupported event value type " + value.getClass());
    }
  }

  private static Object read(IrInput in) {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case STRING -> in.readString();
      case BOOLEAN -> in.readByte() != 0;
      default -> throw new MalformedIrException("unknown value tag " + tag + " in a spill file");
    };
  }
}
