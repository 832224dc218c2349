package io.tessera.records.normalized;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The primitives of the normalized-topic formats: zig-zag varints and length-prefixed UTF-8
 * strings. Package-private: only the codecs of this package write these bytes.
 */
final class Wire {

  private Wire() {}

  static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  static void writeVarLong(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  static long readVarLong(ByteBuffer in) {
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

  static void writeString(ByteArrayOutputStream out, String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarLong(out, utf8.length);
    out.writeBytes(utf8);
  }

  /** A string, decoded from the buffer's own array (codecs read heap buffers only). */
  static String readString(ByteBuffer in) {
    int length = stringLength(in);
    String value =
        new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }

  /**
   * A string that recurs in every record (a view or column name): the same bytes give the same
   * instance ({@link NameCache}).
   */
  static String readName(ByteBuffer in) {
    int length = stringLength(in);
    String value = NameCache.name(in.array(), in.arrayOffset() + in.position(), length);
    in.position(in.position() + length);
    return value;
  }

  private static int stringLength(ByteBuffer in) {
    int length = Math.toIntExact(readVarLong(in));
    if (length < 0 || length > in.remaining()) {
      throw new MalformedRecordException("string of " + length + " bytes past the end");
    }
    return length;
  }
}
