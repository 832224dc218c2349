package io.tessera.records.normalized;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The primitives of the normalized-topic formats: zig-zag varints and length-prefixed UTF-8
 * strings, read here and written by {@link WireBuffer}. Package-private: only the codecs of this
 * package write these bytes.
 */
final class Wire {

  private Wire() {}

  static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
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
    int at = in.arrayOffset() + in.position();
    in.position(in.position() + length);
    return matches(in.array(), at, length, ascii);
  }

  /**
   * Moves past a string and returns where its bytes start in the buffer's array; they end at the
   * buffer's new position (plus its array offset).
   */
  static int nameStart(ByteBuffer in) {
    int length = stringLength(in);
    int at = in.arrayOffset() + in.position();
    in.position(in.position() + length);
    return at;
  }

  /** Whether the UTF-8 {@code bytes[at..at + length)} are {@code ascii}, of ASCII chars only. */
  static boolean matches(byte[] bytes, int at, int length, String ascii) {
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
