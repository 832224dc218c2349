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

  static String readString(ByteBuffer in) {
    int length = Math.toIntExact(readVarLong(in));
    if (length > in.remaining()) {
      throw new MalformedRecordException("string of " + length + " bytes past the end");
    }
    byte[] utf8 = new byte[length];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
