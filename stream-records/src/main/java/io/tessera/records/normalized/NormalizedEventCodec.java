package io.tessera.records.normalized;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

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
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 16 * event.values().size());
    out.write(FORMAT_VERSION);
    writeString(out, event.view());
    writeVarLong(out, event.viewVersion());
    writeString(out, event.entityKey());
    writeVarLong(out, zigZag(event.eventTimeMs()));
    writeString(out, event.eventId());
    writeVarLong(out, zigZag(event.sourceTimeMs()));
    writeVarLong(out, event.values().size());
    for (Map.Entry<String, Object> column : event.values().entrySet()) {
      writeString(out, column.getKey());
      Object value = column.getValue();
      if (value == null) {
        out.write(NULL);
      } else if (value instanceof Long l) {
        out.write(LONG);
        writeVarLong(out, zigZag(l));
      } else if (value instanceof Double d) {
        out.write(DOUBLE);
        long bits = Double.doubleToRawLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.write((int) (bits >>> shift));
        }
      } else if (value instanceof String s) {
        out.write(STRING);
        writeString(out, s);
      } else {
        out.write((Boolean) value ? TRUE : FALSE);
      }
    }
    return out.toByteArray();
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
      String view = readString(in);
      int viewVersion = Math.toIntExact(readVarLong(in));
      String entityKey = readString(in);
      long eventTimeMs = unZigZag(readVarLong(in));
      String eventId = readString(in);
      long sourceTimeMs = unZigZag(readVarLong(in));
      int columns = Math.toIntExact(readVarLong(in));
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < columns; i++) {
        String name = readString(in);
        byte tag = in.get();
        Object value =
            switch (tag) {
              case NULL -> null;
              case LONG -> unZigZag(readVarLong(in));
              case DOUBLE -> in.getDouble();
              case STRING -> readString(in);
              case TRUE -> Boolean.TRUE;
              case FALSE -> Boolean.FALSE;
              default -> throw new MalformedRecordException("unknown value tag " + tag);
            };
        values.put(name, value);
      }
      if (in.hasRemaining()) {
        throw new MalformedRecordException(in.remaining() + " trailing bytes");
      }
      return new NormalizedEvent(
          view, viewVersion, entityKey, eventTimeMs, eventId, sourceTimeMs, values);
    } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
      throw new MalformedRecordException("truncated or corrupt normalized event", e);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(e.getMessage(), e);
    }
  }

  private static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  private static void writeVarLong(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static long readVarLong(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new MalformedRecordException("varint longer than 10 bytes");
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarLong(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static String readString(ByteBuffer in) {
    int length = Math.toIntExact(readVarLong(in));
    if (length > in.remaining()) {
      throw new MalformedRecordException("string of " + length + " bytes past the end");
    }
    byte[] utf8 = new byte[length];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
