package io.tessera.storage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partitions this instance has already registered in entity heads' partition lists, so a write to a
 * known partition skips the registration. Bounded: when full it is cleared, which only costs one
 * idempotent registration per partition written again.
 */
final class KnownPartitions {
  private final int capacity;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  KnownPartitions(int capacity) {
    this.capacity = capacity;
  }

  boolean contains(String key) {
    return known.contains(key);
  }

  void add(String key) {
    if (known.size() >= capacity) {
      known.clear();
    }
    known.add(key);
  }
}
