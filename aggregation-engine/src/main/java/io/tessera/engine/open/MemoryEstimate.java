package io.tessera.engine.open;

/**
 * Rough heap sizes of the open state, for the owner's memory budget (invariant 9). Not exact, and
 * need not be: they only have to grow and shrink with what is held, so a budget trips before the
 * heap runs out. Constants are 64-bit JVM object sizes with compressed pointers, rounded up. A
 * tile's IRs report their own ({@link io.tessera.engine.ir.Ir#estimatedBytes()}).
 */
final class MemoryEstimate {
  /** An object with a handful of fields. */
  static final long OBJECT_BYTES = 48;

  /**
   * An open tile beside its events: the tile and its key, its slot in its entity's array, its
   * entity key's slot in the list of its start, and a share of the entity it belongs to.
   */
  static final long TILE_BASE = 2 * OBJECT_BYTES + 16;

  /** A start in a sorted set: the tree entry and the boxed long. */
  static final long SORTED_LONG_BYTES = 56;

  private MemoryEstimate() {}

  /** An array of {@code bytes} bytes of elements: its header, rounded up to 8 bytes. */
  static long array(long bytes) {
    return 16 + ((bytes + 7) & ~7L);
  }

  /** A spill segment of {@code events} events: the record, its starts and its slot. */
  static long segment(int events) {
    return OBJECT_BYTES + array(4L * events) + 4;
  }
}
