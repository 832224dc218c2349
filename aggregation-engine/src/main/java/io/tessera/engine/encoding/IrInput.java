package io.tessera.engine.encoding;

import io.tessera.definitions.feature.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what {@link IrOutput} wrote; malformed input fails with {@link MalformedIrException}. */
public final class IrInput {
  private final byte[] bytes;
  private final int limit;
  private int position;

  public IrInput(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  /** Reads {@code bytes[from]} up to (not including) {@code bytes[to]}, without copying them. */
  public IrInput(byte[] bytes, int from, int to) {
    if (from < 0 || to > bytes.length || from > to) {
      throw new IndexOutOfBoundsException("range " + from + ".." + to + " of " + bytes.length);
    }
    this.bytes = bytes;
    this.position = from;
    this.limit = to;
  }

  public int readByte() {
    if (position >= limit) {
      throw new MalformedIrException("unexpected end of input at byte " + position);
    }
    return bytes[position++] & 0xFF;
  }

  public long readLong() {
    long zigzag = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      int b = readByte();
      zigzag |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (zigzag >>> 1) ^ -(zigzag & 1);
      }
    }
    throw new MalformedIrException("varint longer than 10 bytes at byte " + position);
  }

  public int readLength() {
    long length = readLong();
    if (length < 0 || length > limit - position) {
      throw new MalformedIrException("bad length " + length + " at byte " + position);
    }
    return (int) length;
  }

  public double readDouble() {
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | readByte();
    }
    return Double.longBitsToDouble(bits);
  }

  public String readString() {
    int length = readLength();
    String result = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return result;
  }

  public byte[] readBytes() {
    int length = readLength();
    byte[] result = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return result;
  }

  public Object readValue(ValueType type) {
    return switch (type) {
      case LONG, TIMESTAMP -> readLong();
      case DOUBLE -> readDouble();
      case STRING -> readString();
      case BOOLEAN -> readByte() != 0;
    };
  }

  public boolean atEnd() {
    return position == limit;
  }
}
