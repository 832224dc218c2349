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

  /** Moves past a string, checking it is there. */
  static void skipString(ByteBuffer in) {
    int length = stringLength(in);
    in.position(in.position() + length);
  }

  /** Moves past a string and says whether it is {@code ascii}, a string of ASCII chars only. */
  static boolean readMatches(ByteBuffer in, String ascii) {
    int length = stringLength(in);
    byte[] bytes = in.array();
    int at = in.arrayOffset() + in.position();
    in.position(in.position() + length);
    if (length != ascii.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (bytes[at + i] != ascii.charAt(i)) { // a byte of a longer UTF-8 sequence is negative
        return false;
      }
    }
    return true;
  }

  private static int stringLength(ByteBuffer in) {
    int length = Math.toIntExact(readVarLong(in));
    if (length < 0 || length > in.remaining()) {
      throw new MalformedRecordException("string of " + length + " bytes past the end");
    }
    return length;
  }
}
