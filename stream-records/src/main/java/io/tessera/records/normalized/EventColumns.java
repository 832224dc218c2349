package io.tessera.records.normalized;

import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A {@link NormalizedEvent}'s column values: insertion order, nulls allowed, no one can change
 * them. The event copies (and checks) any other map it is given; this one it keeps as it is. Equal
 * to any map with the same entries.
 *
 * <p>A decoded event's columns stay in the record's bytes (which {@link NormalizedEventCodec}
 * checked whole) until asked for: {@link #get} reads the one value asked for, anything else reads
 * them all into a map once. A replica reads a few columns of every record (those its lineage's
 * features take) and most payloads carry more: decoding them all made a string or a box and an
 * entry per column, per record, that nothing read. The record's bytes must not change after.
 *
 * <p>Safe to share between threads: a column map read twice at once is read alike, and is published
 * through a volatile field.
 */
final class EventColumns extends AbstractMap<String, Object> {
  private final byte[] record; // null for columns given as a map
  private final int from;
  private final int to;
  private final int count;
  private volatile Map<String, Object> whole; // unmodifiable; read from the record on first need

  private EventColumns(byte[] record, int from, int to, int count, Map<String, Object> whole) {
    this.record = record;
    this.from = from;
    this.to = to;
    this.count = count;
    this.whole = whole;
  }

  /** Wraps {@code columns}, which the caller hands over: nothing else may keep or change it. */
  static EventColumns of(LinkedHashMap<String, Object> columns) {
    return new EventColumns(null, 0, 0, columns.size(), Collections.unmodifiableMap(columns));
  }

  /**
   * The {@code count} columns in {@code record[from..to)}, in the codec's format, which the caller
   * checked is well formed.
   */
  static EventColumns read(byte[] record, int from, int to, int count) {
    return new EventColumns(record, from, to, count, null);
  }

  @Override
  public Object get(Object column) {
    Map<String, Object> read = whole;
    if (read != null || !(column instanceof String name) || !isAscii(name)) {
      return whole().get(column);
    }
    ByteBuffer in = ByteBuffer.wrap(record, from, to - from);
    Object found = null;
    while (in.hasRemaining()) {
      boolean match = Wire.readMatches(in, name);
      byte tag = in.get();
      if (match) {
        found = NormalizedEventCodec.readValue(in, tag); // the last one wins, as in a map
      } else {
        NormalizedEventCodec.skipValue(in, tag);
      }
    }
    return found;
  }

  /**
   * Puts the value of each of {@code columns} in {@code into} at its index (null when absent), as
   * {@link #get} would, in one pass over the record's bytes where {@code get} makes one per column.
   */
  void readInto(String[] columns, Object[] into) {
    boolean ascii = true;
    for (String column : columns) {
      ascii &= column != null && isAscii(column);
    }
    if (whole != null || !ascii) {
      for (int c = 0; c < columns.length; c++) {
        into[c] = get(columns[c]);
      }
      return;
    }
    Arrays.fill(into, 0, columns.length, null);
    ByteBuffer in = ByteBuffer.wrap(record, from, to - from);
    while (in.hasRemaining()) {
      int at = Wire.nameStart(in);
      int length = in.arrayOffset() + in.position() - at;
      byte tag = in.get();
      boolean found = false;
      Object value = null;
      for (int c = 0; c < columns.length; c++) {
        if (Wire.matches(record, at, length, columns[c])) {
          if (!found) {
            value = NormalizedEventCodec.readValue(in, tag);
            found = true;
          }
          into[c] = value; // a later column of the same name replaces it, as in a map
        }
      }
      if (!found) {
        NormalizedEventCodec.skipValue(in, tag);
      }
    }
  }

  @Override
  public boolean containsKey(Object column) {
    return whole().containsKey(column);
  }

  @Override
  public int size() {
    return whole().size();
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    whole().forEach(action);
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return whole().entrySet();
  }

  private Map<String, Object> whole() {
    Map<String, Object> read = whole;
    if (read == null) {
      LinkedHashMap<String, Object> columns = new LinkedHashMap<>(count * 4 / 3 + 1);
      ByteBuffer in = ByteBuffer.wrap(record, from, to - from);
      while (in.hasRemaining()) {
        String name = Wire.readName(in);
        columns.put(name, NormalizedEventCodec.readValue(in, in.get()));
      }
      read = Collections.unmodifiableMap(columns);
      whole = read;
    }
    return read;
  }

  private static boolean isAscii(String name) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
