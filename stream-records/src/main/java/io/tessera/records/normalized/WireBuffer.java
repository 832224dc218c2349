package io.tessera.records.normalized;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the primitives of {@link Wire}'s formats into a growing array: what a codec of this
 * package encodes one record with. Not a {@code ByteArrayOutputStream}: a record is written byte by
 * byte (varints) once per normalized event, and a stream's every one-byte write is a call that
 * checks the capacity (and in the JDK's, takes a lock); here a varint or a string checks it once,
 * and an ASCII string (every name, id and key we see) is copied char by char without the array
 * {@link String#getBytes} makes. The bytes are exactly those the formats describe.
 */
final class WireBuffer {
  private static final int MAX_VARLONG_BYTES = 10;

  private byte[] bytes;
  private int size;

  WireBuffer(int capacity) {
    this.bytes = new byte[Math.max(16, capacity)];
  }

  void writeByte(int b) {
    ensureRoom(1);
    bytes[size++] = (byte) b;
  }

  /** An unsigned varint: 7 bits a byte, low first, the high bit set on all but the last. */
  void writeVarLong(long value) {
    ensureRoom(MAX_VARLONG_BYTES);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  /** The exact IEEE 754 bits, big-endian. */
  void writeDouble(double value) {
    ensureRoom(8);
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[size++] = (byte) (bits >>> shift);
    }
  }

  /** A string as its varint byte length and its UTF-8 bytes. */
  void writeString(String value) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      if (value.charAt(i) >= 0x80) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(utf8.length);
        ensureRoom(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
        return;
      }
    }
    writeVarLong(length);
    ensureRoom(length);
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) value.charAt(i); // ASCII: the char is its UTF-8 byte
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensureRoom(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
    }
  }
}
