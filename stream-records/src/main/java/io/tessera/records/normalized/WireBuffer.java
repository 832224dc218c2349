package io.tessera.records.normalized;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ByteArrayOutputStream} without its lock: every write of the JDK's takes it, and a record
 * is written byte by byte (varints), once per normalized event, by one thread. Codecs of this
 * package create one per record they encode.
 */
final class WireBuffer extends ByteArrayOutputStream {

  WireBuffer(int size) {
    super(size);
  }

  @Override
  public void write(int b) {
    ensureCapacity(count + 1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ensureCapacity(count + length);
    System.arraycopy(bytes, offset, buf, count, length);
    count += length;
  }

  @Override
  public void writeBytes(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  private void ensureCapacity(int size) {
    if (size > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(size, buf.length * 2));
    }
  }
}
