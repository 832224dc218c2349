package io.tessera.engine.open;

import java.nio.charset.StandardCharsets;

/**
 * A set of 64-bit hashes of event ids: how an open tile remembers the ids of its spilled events in
 * 8 to 16 bytes each instead of a string and a map entry. A hash in the set only says the id may
 * have been applied; the caller confirms it against the spilled events themselves, so a collision
 * costs a read, never an event. Open addressing with linear probing; 0 marks a free slot.
 */
final class IdHashes {
  private long[] slots = new long[16];
  private int size;

  static long hash(String eventId) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-8 bytes, then a finalizer to spread bits
    for (byte b : eventId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  void add(long hash) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    if (insert(slots, hash)) {
      size++;
    }
  }

  boolean contains(long hash) {
    int mask = slots.length - 1;
    for (int i = (int) hash & mask; slots[i] != 0; i = (i + 1) & mask) {
      if (slots[i] == hash) {
        return true;
      }
    }
    return false;
  }

  long estimatedBytes() {
    return 16L + 8L * slots.length;
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long hash : slots) {
      if (hash != 0) {
        insert(bigger, hash);
      }
    }
    slots = bigger;
  }

  private static boolean insert(long[] table, long hash) {
    int mask = table.length - 1;
    int i = (int) hash & mask;
    while (table[i] != 0) {
      if (table[i] == hash) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = hash;
    return true;
  }
}
