package io.tessera.engine.encoding;

import io.tessera.definitions.feature.ValueType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the primitives IR payloads are made of: zig-zag varints, doubles, strings, values. */
public final class IrOutput {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);

  public IrOutput writeByte(int b) {
    bytes.write(b);
    return this;
  }

  /** A signed long as a zig-zag varint: small magnitudes take one or two bytes. */
  public IrOutput writeLong(long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      bytes.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    bytes.write((int) zigzag);
    return this;
  }

  /** The exact IEEE 754 bits, big-endian, so -0.0 and NaN payloads survive. */
  public IrOutput writeDouble(double value) {
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes.write((int) (bits >>> shift));
    }
    return this;
  }

  public IrOutput writeString(String value) {
    writeBytes(value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A length-prefixed byte array. */
  public IrOutput writeBytes(byte[] value) {
    writeLong(value.length);
    bytes.writeBytes(value);
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
    return bytes.toByteArray();
  }
}
