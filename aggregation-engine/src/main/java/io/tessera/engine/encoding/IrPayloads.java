package io.tessera.engine.encoding;

import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.ir.BoundedListIr;
import io.tessera.engine.ir.CompensatedSum;
import io.tessera.engine.ir.DistinctSetIr;
import io.tessera.engine.ir.EdgeIr;
import io.tessera.engine.ir.Positioned;
import io.tessera.engine.ir.RecentDistinctIr;
import java.util.List;

/**
 * Payload layouts shared by several functions (the rest live with their single function). Lists are
 * written oldest first and sets in natural order, so equal IRs always encode to equal bytes.
 */
public final class IrPayloads {
  private IrPayloads() {}

  public static void writeSum(IrOutput out, CompensatedSum sum) {
    out.writeDouble(sum.high()).writeDouble(sum.low());
  }

  public static CompensatedSum readSum(IrInput in) {
    return new CompensatedSum(in.readDouble(), in.readDouble());
  }

  /** Presence byte, then the value. */
  public static void writeOptionalValue(IrOutput out, ValueType type, Object value) {
    out.writeByte(value == null ? 0 : 1);
    if (value != null) {
      out.writeValue(type, value);
    }
  }

  public static Object readOptionalValue(IrInput in, ValueType type) {
    return in.readByte() == 0 ? null : in.readValue(type);
  }

  public static void writeEdge(IrOutput out, ValueType type, EdgeIr ir) {
    out.writeByte(ir.isEmpty() ? 0 : 1);
    if (!ir.isEmpty()) {
      out.writeLong(ir.timeMs()).writeString(ir.eventId()).writeValue(type, ir.value());
    }
  }

  public static EdgeIr readEdge(IrInput in, ValueType type) {
    EdgeIr ir = new EdgeIr();
    if (in.readByte() != 0) {
      long timeMs = in.readLong();
      String id = in.readString();
      ir.offer(in.readValue(type), timeMs, id, true);
    }
    return ir;
  }

  public static void writePositioned(IrOutput out, ValueType type, List<Positioned> entries) {
    out.writeLong(entries.size());
    for (Positioned entry : entries) {
      out.writeLong(entry.timeMs()).writeString(entry.eventId()).writeValue(type, entry.value());
    }
  }

  public static BoundedListIr readBoundedList(
      IrInput in, ValueType type, int capacity, boolean keepEarliest) {
    BoundedListIr ir = new BoundedListIr(capacity, keepEarliest);
    readPositioned(in, type, entry -> ir.offer(entry));
    return ir;
  }

  public static RecentDistinctIr readRecentDistinct(IrInput in, ValueType type, int capacity) {
    RecentDistinctIr ir = new RecentDistinctIr(capacity);
    readPositioned(in, type, entry -> ir.offer(entry));
    return ir;
  }

  private static void readPositioned(
      IrInput in, ValueType type, java.util.function.Consumer<Positioned> sink) {
    int size = in.readLength();
    for (int i = 0; i < size; i++) {
      long timeMs = in.readLong();
      String id = in.readString();
      sink.accept(new Positioned(timeMs, id, in.readValue(type)));
    }
  }

  /** Overflow flag, then the values in natural order (none once overflowed). */
  public static void writeDistinctSet(IrOutput out, ValueType type, DistinctSetIr ir) {
    out.writeByte(ir.overflowed() ? 1 : 0);
    List<Object> values = ir.sortedValues();
    out.writeLong(values.size());
    for (Object value : values) {
      out.writeValue(type, value);
    }
  }

  public static DistinctSetIr readDistinctSet(IrInput in, ValueType type, int cap) {
    DistinctSetIr ir = new DistinctSetIr(cap);
    boolean overflowed = in.readByte() != 0;
    int size = in.readLength();
    for (int i = 0; i < size; i++) {
      ir.offer(in.readValue(type));
    }
    if (overflowed) {
      ir.overflow();
    }
    return ir;
  }
}
