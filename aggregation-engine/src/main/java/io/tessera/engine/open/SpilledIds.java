package io.tessera.engine.open;

import java.util.function.LongFunction;

/**
 * The ids of an open tile's spilled events as 64-bit hashes, each with where its event is (segment
 * and index within it): 16 to 32 bytes per event instead of a string and a map entry. A hash found
 * only says the id may have been applied; the caller confirms it against that one event, so a
 * collision costs a read, never an event. Equal hashes are all kept (two ids may collide) and a
 * lookup visits each. Open addressing with linear probing; hash 0 marks a free slot.
 */
final class SpilledIds {
  private long[] hashes = new long[16];
  private long[] locations = new long[16];
  private int size;

  static long hash(String eventId) {
    // FNV-1a over the UTF-16 chars (no byte copy: this runs per applied event under spilling),
    // then a finalizer to spread the bits; hashes live only in this process's memory
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < eventId.length(); i++) {
      h = (h ^ eventId.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  /** Where an event is: its segment's index in the tile and its index in the segment. */
  static long location(int segment, int index) {
    return (long) segment << 32 | index;
  }

  static int segment(long location) {
    return (int) (location >>> 32);
  }

  static int index(long location) {
    return (int) location;
  }

  void add(long hash, long location) {
    if (2 * (size + 1) > hashes.length) {
      grow();
    }
    insert(hashes, locations, hash, location);
    size++;
  }

  /**
   * Visits the location of every event whose id has {@code hash}, until {@code confirm} returns
   * non-null, and returns that (null when none does).
   */
  <T> T find(long hash, LongFunction<T> confirm) {
    int mask = hashes.length - 1;
    for (int i = (int) hash & mask; hashes[i] != 0; i = (i + 1) & mask) {
      if (hashes[i] == hash) {
        T found = confirm.apply(locations[i]);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  long estimatedBytes() {
    return 32L + 16L * hashes.length;
  }

  private void grow() {
    long[] biggerHashes = new long[hashes.length * 2];
    long[] biggerLocations = new long[hashes.length * 2];
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != 0) {
        insert(biggerHashes, biggerLocations, hashes[i], locations[i]);
      }
    }
    hashes = biggerHashes;
    locations = biggerLocations;
  }

  private static void insert(long[] hashes, long[] locations, long hash, long location) {
    int mask = hashes.length - 1;
    int i = (int) hash & mask;
    while (hashes[i] != 0) {
      i = (i + 1) & mask;
    }
    hashes[i] = hash;
    locations[i] = location;
  }
}
