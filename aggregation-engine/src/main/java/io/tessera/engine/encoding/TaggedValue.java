package io.tessera.engine.encoding;

/**
 * An event column's value with its type in front: a tag byte ({@code 0} null, {@code 1} long,
 * {@code 2} double, {@code 3} string, {@code 4} boolean), then the value as {@link IrOutput} writes
 * it. For raw events, whose columns carry no declared type; the sealed rows' event chunks store
 * values this way, so the tags are part of their pinned format.
 */
public final class TaggedValue {
  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int DOUBLE = 2;
  private static final int STRING = 3;
  private static final int BOOLEAN = 4;

  private TaggedValue() {}

  /**
   * Writes {@code value} (null, {@link Long}, {@link Double}, {@link String} or {@link Boolean}).
   */
  public static void write(IrOutput out, Object value) {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Long l) {
      out.writeByte(LONG).writeLong(l);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE).writeDouble(d);
    } else if (value instanceof String s) {
      out.writeByte(STRING).writeString(s);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN).writeByte(b ? 1 : 0);
    } else {
      throw new IllegalArgumentException("unsupported event value type " + value.getClass());
    }
  }

  /** Reads a value {@link #write} wrote. */
  public static Object read(IrInput in) {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case STRING -> in.readString();
      case BOOLEAN -> in.readByte() != 0;
      default -> throw new MalformedIrException("unknown value tag " + tag);
    };
  }
}
