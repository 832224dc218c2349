package io.tessera.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An event's column values as one blob: {@code [version 1][count][per column: name, type tag,
 * value]}. One blob, not a map column, because values are typed (Long, Double, String, Boolean,
 * null) and a Cassandra map would need one column per type.
 */
final class ValuesCodec {
  /** Version 1 of the values blob. */
  static final int FORMAT_VERSION = 1;

  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int STRING = 3;
  private static final int BOOLEAN = 4;

  private ValuesCodec() {}

  static ByteBuffer encode(Map<String, Object> values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + values.size() * 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeInt(values.size());
      for (Map.Entry<String, Object> column : values.entrySet()) {
        writeString(out, column.getKey());
        Object value = column.getValue();
        if (value == null) {
          out.writeByte(NULL);
        } else if (value instanceof Long l) {
          out.writeByte(LONG);
          out.writeLong(l);
        } else if (value instanceof Double d) {
          out.writeByte(DOUBLE);
          out.writeDouble(d);
        } else if (value instanceof String s) {
          out.writeByte(STRING);
          writeString(out, s);
        } else if (value instanceof Boolean b) {
          out.writeByte(BOOLEAN);
          out.writeBoolean(b);
        } else {
          throw new IllegalArgumentException("unsupported value type " + value.getClass());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ByteBuffer.wrap(bytes.toByteArray());
  }

  static Map<String, Object> decode(ByteBuffer blob) {
    byte[] array = new byte[blob.remaining()];
    blob.duplicate().get(array);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(array))) {
      int version = in.readUnsignedByte();
      if (version != FORMAT_VERSION) {
        throw new IllegalStateException("unknown event values format " + version);
      }
      int count = in.readInt();
      Map<String, Object> values = new HashMap<>(count * 2);
      for (int i = 0; i < count; i++) {
        String name = readString(in);
        int tag = in.readUnsignedByte();
        Object value =
            switch (tag) {
              case NULL -> null;
              case LONG -> in.readLong();
              case DOUBLE -> in.readDouble();
              case STRING -> readString(in);
              case BOOLEAN -> in.readBoolean();
              default -> throw new IllegalStateException("unknown value tag " + tag);
            };
        values.put(name, value);
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // writeUTF is limited to 64 KiB; a length-prefixed UTF-8 string is not.
  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
