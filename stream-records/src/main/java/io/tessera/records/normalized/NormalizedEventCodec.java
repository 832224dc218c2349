package io.tessera.records.normalized;

import java.nio.ByteBuffer;

/**
 * The binary form of a {@link NormalizedEvent} on the normalized topics.
 *
 * <p>Format version 1, in order: the version byte; view (string); view version (varint); entity key
 * (string); event time (zig-zag varlong, epoch ms); event id (string); source time (zig-zag
 * varlong); the column count (varint), then per column its name (string), a type tag and the value.
 * Strings are a varint byte length and UTF-8. Tags: {@code 0} null, {@code 1} long (zig-zag
 * varlong), {@code 2} double (8 bytes, IEEE 754 big-endian), {@code 3} string, {@code 4} true,
 * {@code 5} false. A decoder refuses a version it does not know rather than guess.
 */
public final class NormalizedEventCodec {

  /** The format this codec writes; it reads only this one so far. */
  public static final byte FORMAT_VERSION = 1;

  private static final byte NULL = 0;
  private static final byte LONG = 1;
  private static final byte DOUBLE = 2;
  private static final byte STRING = 3;
  private static final byte TRUE = 4;
  private static final byte FALSE = 5;

  private NormalizedEventCodec() {}

  public static byte[] encode(NormalizedEvent event) {
    WireBuffer out = new WireBuffer(64 + 16 * event.values().size());
    out.writeByte(FORMAT_VERSION);
    out.writeString(event.view());
    out.writeVarLong(event.viewVersion());
    out.writeString(event.entityKey());
    out.writeVarLong(Wire.zigZag(event.eventTimeMs()));
    out.writeString(event.eventId());
    out.writeVarLong(Wire.zigZag(event.sourceTimeMs()));
    out.writeVarLong(event.values().size());
    // forEach, not entrySet: an event's columns are an unmodifiable view, whose entries are wrapped
    event.values().forEach((column, value) -> writeColumn(out, column, value));
    return out.toByteArray();
  }

  private static void writeColumn(WireBuffer out, String column, Object value) {
    out.writeString(column);
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeVarLong(Wire.zigZag(l));
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      out.writeString(s);
    } else {
      out.writeByte((Boolean) value ? TRUE : FALSE);
    }
  }

  /**
   * @throws MalformedRecordException when the bytes are not a normalized event this codec knows
   */
  public static NormalizedEvent decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != FORMAT_VERSION) {
        throw new MalformedRecordException(
            "normalized event format version " + version + " is not known to this reader");
      }
      String view = Wire.readName(in);
      int viewVersion = Math.toIntExact(Wire.readVarLong(in));
      String entityKey = Wire.readString(in);
      long eventTimeMs = Wire.unZigZag(Wire.readVarLong(in));
      String eventId = Wire.readString(in);
      long sourceTimeMs = Wire.unZigZag(Wire.readVarLong(in));
      int columns = Math.toIntExact(Wire.readVarLong(in));
      if (columns < 0 || columns > in.remaining()) {
        throw new MalformedRecordException(columns + " columns past the end");
      }
      // checked whole here, read when asked for (EventColumns)
      int columnsFrom = in.position();
      for (int i = 0; i < columns; i++) {
        Wire.skipString(in);
        skipValue(in, in.get());
      }
      if (in.hasRemaining()) {
        throw new MalformedRecordException(in.remaining() + " trailing bytes");
      }
      return new NormalizedEvent(
          view,
          viewVersion,
          entityKey,
          eventTimeMs,
          eventId,
          sourceTimeMs,
          EventColumns.read(bytes, columnsFrom, bytes.length, columns));
    } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
      throw new MalformedRecordException("truncated or corrupt normalized event", e);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(e.getMessage(), e);
    }
  }

  /** The value after its {@code tag}. */
  static Object readValue(ByteBuffer in, byte tag) {
    return switch (tag) {
      case NULL -> null;
      case LONG -> Wire.unZigZag(Wire.readVarLong(in));
      case DOUBLE -> in.getDouble();
      case STRING -> Wire.readString(in);
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      default -> throw new MalformedRecordException("unknown value tag " + tag);
    };
  }

  /** Moves past the value after its {@code tag}, checking it is there. */
  static void skipValue(ByteBuffer in, byte tag) {
    switch (tag) {
      case NULL, TRUE, FALSE -> {}
      case LONG -> Wire.readVarLong(in);
      case DOUBLE -> in.getDouble();
      case STRING -> Wire.skipString(in);
      default -> throw new MalformedRecordException("unknown value tag " + tag);
    }
  }
}
