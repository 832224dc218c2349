package io.tessera.engine.encoding;

import io.tessera.definitions.feature.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the primitives IR payloads are made of: zig-zag varints, doubles, strings, values. Into a
 * plain growing array rather than a {@code ByteArrayOutputStream}, whose every one-byte write takes
 * a lock: this runs per applied event and per IR encoded.
 */
public final class IrOutput {
  private byte[] bytes = new byte[32];
  private int size;

  public IrOutput writeByte(int b) {
    if (size == bytes.length) {
      bytes = Arrays.copyOf(bytes, size * 2);
    }
    bytes[size++] = (byte) b;
    return this;
  }

  /** A signed long as a zig-zag varint: small magnitudes take one or two bytes. */
  public IrOutput writeLong(long value) {
    if (size + 10 > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + 10, bytes.length * 2));
    }
    long zigzag = (value << 1) ^ (value >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((zigzag & 0x7F) | 0x80);
      zigzag >>>= 7;
    }
    bytes[size++] = (byte) zigzag;
    return this;
  }

  /** The exact IEEE 754 bits, big-endian, so -0.0 and NaN payloads survive. */
  public IrOutput writeDouble(double value) {
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      writeByte((int) (bits >>> shift));
    }
    return this;
  }

  /**
   * A string as its length-prefixed UTF-8 bytes. An ASCII string (every id, name and key we see) is
   * copied char by char, the same bytes without the array {@link String#getBytes} makes.
   */
  public IrOutput writeString(String value) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      if (value.charAt(i) >= 0x80) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
      }
    }
    writeLong(length);
    if (size + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
    }
    for (int i = 0; i < length; i++) {
      bytes[size++] = (byte) value.charAt(i);
    }
    return this;
  }

  /** A length-prefixed byte array. */
  public IrOutput writeBytes(byte[] value) {
    writeLong(value.length);
    if (size + value.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + value.length, bytes.length * 2));
    }
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
    return this;
  }

  /** A non-null value of the column's type. */
  public IrOutput writeValue(ValueType type, Object value) {
    switch (type) {
      case LONG, TIMESTAMP -> writeLong(((Number) value).longValue());
      case DOUBLE -> writeDouble(((Number) value).doubleValue());
      case STRING -> writeString((String) value);
      case BOOLEAN -> writeByte(((Boolean) value) ? 1 : 0);
    }
    return this;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** How many bytes were written since the start or the last {@link #reset}. */
  public int size() {
    return size;
  }

  /** Copies what was written to {@code target} from {@code offset} on. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, size);
  }

  /** Forgets what was written, keeping the buffer: one instance can encode many records. */
  public IrOutput reset() {
    size = 0;
    return this;
  }
}
