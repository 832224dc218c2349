package io.tessera.engine.ir;

/**
 * Rough heap sizes of what IRs hold, for the open state's memory budget (invariant 9): a 64-bit JVM
 * with compressed pointers, every object rounded up to 8 bytes. They need not be exact, only grow
 * and shrink with what an IR holds; and they cost O(1), because the open state asks after every
 * event it applies.
 */
final class HeapBytes {
  private static final long OBJECT_HEADER = 12;
  private static final long ARRAY_HEADER = 16;

  /** A {@code HashMap} or {@code HashSet} entry: its node and its share of the table. */
  static final long HASH_ENTRY = object(28) + 8;

  private HeapBytes() {}

  /** An object whose fields take {@code fieldBytes}. */
  static long object(long fieldBytes) {
    return align(OBJECT_HEADER + fieldBytes);
  }

  /** An array whose elements take {@code elementBytes}. */
  static long array(long elementBytes) {
    return align(ARRAY_HEADER + elementBytes);
  }

  /**
   * A value as events carry it: a string with its Latin-1 bytes (most keys and categories; UTF-16
   * ones count half), a boxed number, nothing for the shared booleans.
   */
  static long value(Object value) {
    if (value == null || value instanceof Boolean) {
      return 0;
    }
    if (value instanceof String text) {
      return object(12) + array(text.length());
    }
    if (value instanceof Number) {
      return object(8);
    }
    return object(16);
  }

  /** A {@link Positioned} entry with its event id and value. */
  static long positioned(Positioned entry) {
    return object(16) + value(entry.eventId()) + value(entry.value());
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
