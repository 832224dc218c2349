package io.tessera.engine.open;

import io.tessera.engine.event.Event;

/**
 * Rough heap sizes of the open state, for the owner's memory budget (invariant 9). Not exact, and
 * need not be: they only have to grow and shrink with what is held, so a budget trips before the
 * heap runs out. Constants are 64-bit JVM object sizes with compressed pointers, rounded up.
 */
final class MemoryEstimate {
  /** Event record, its map and map table, the id string's header. */
  private static final long EVENT_BASE = 160;

  /** A map entry with a boxed or short string value. */
  private static final long PER_VALUE = 64;

  /** One IR object and its fields; counters stay at this, lists, sets and sketches grow. */
  private static final long IR_BASE = 64;

  /** What a growing IR (list, distinct set, sketch) adds per event, averaged over features. */
  private static final long IR_PER_EVENT = 16;

  /** A tile object, its event list, its map entries in the entity and the start index. */
  private static final long TILE_BASE = 200;

  /** A start in a sorted set: the tree entry and the boxed long. */
  static final long SORTED_LONG_BYTES = 56;

  private MemoryEstimate() {}

  static long tile(int features) {
    return TILE_BASE + IR_BASE * features;
  }

  static long event(Event event, int features) {
    long bytes = EVENT_BASE + 2L * event.eventId().length() + IR_PER_EVENT * features;
    for (Object value : event.values().values()) {
      bytes += PER_VALUE + (value instanceof String text ? 2L * text.length() : 0);
    }
    return bytes + 64; // the id's entry in the entity's de-duplication index
  }
}
