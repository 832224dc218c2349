package io.tessera.engine.open;

/**
 * The fingerprints of a state's open events (32 bits of entity key and event id, {@link
 * OpenState}), as a multiset: whether an entity's id may have been applied, in one probe, before
 * any tile is searched. Most events are new, and for them this answer is final; a fingerprint
 * present (a duplicate, or a collision) sends the caller to the entity's tiles to confirm against
 * the event itself. One table per state rather than one per entity: a probe is one miss in one
 * array, where an entity's own table was two objects more to reach. Open addressing with linear
 * probing, 0 marks a free slot (a hash of 0 is kept as 1), and removal shifts the following run
 * back, so no tombstones pile up in a hot entity's table as its minutes seal.
 */
final class IdHashes {
  private static final int MIN_SLOTS = 32;

  private int[] slots = new int[MIN_SLOTS];
  private int size;

  void add(int hash) {
    if (2 * (size + 1) > slots.length) {
      int[] old = slots;
      slots = new int[old.length * 2];
      for (int value : old) {
        if (value != 0) {
          insert(slots, value);
        }
      }
    }
    insert(slots, stored(hash));
    size++;
  }

  boolean contains(int hash) {
    int value = stored(hash);
    int mask = slots.length - 1;
    for (int i = home(value, mask); slots[i] != 0; i = (i + 1) & mask) {
      if (slots[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** Removes one occurrence of {@code hash}; nothing when there is none. */
  void remove(int hash) {
    int value = stored(hash);
    int mask = slots.length - 1;
    int hole = home(value, mask);
    while (slots[hole] != value) {
      if (slots[hole] == 0) {
        return;
      }
      hole = (hole + 1) & mask;
    }
    slots[hole] = 0;
    size--;
    // shift back every later value of the run that may not sit beyond the hole
    for (int i = (hole + 1) & mask; slots[i] != 0; i = (i + 1) & mask) {
      int home = home(slots[i], mask);
      boolean homeInGap = hole <= i ? home <= hole || home > i : home <= hole && home > i;
      if (homeInGap) {
        slots[hole] = slots[i];
        slots[i] = 0;
        hole = i;
      }
    }
  }

  /**
   * Gives back the room of a table left sparse by removals (a burst's minutes sealed): at most a
   * quarter full after, so the next growth is far.
   */
  void shrinkIfSparse() {
    if (slots.length <= MIN_SLOTS || 8L * size >= slots.length) {
      return;
    }
    int length = MIN_SLOTS;
    while (length < 4L * size) {
      length *= 2;
    }
    int[] old = slots;
    slots = new int[length];
    for (int value : old) {
      if (value != 0) {
        insert(slots, value);
      }
    }
  }

  long estimatedBytes() {
    return MemoryEstimate.OBJECT_BYTES + MemoryEstimate.array(4L * slots.length);
  }

  private static void insert(int[] slots, int value) {
    int mask = slots.length - 1;
    int i = home(value, mask);
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = value;
  }

  private static int stored(int hash) {
    return hash == 0 ? 1 : hash;
  }

  private static int home(int value, int mask) {
    return (value ^ (value >>> 16)) & mask;
  }
}
