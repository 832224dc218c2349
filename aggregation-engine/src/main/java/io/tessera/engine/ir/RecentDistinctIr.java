package io.tessera.engine.ir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code n} most recent distinct values, each with the position of its latest occurrence. A
 * value in the union's top n is in the top n of the part holding its latest occurrence (whatever
 * outranks it there outranks it in the union), so keeping n per part merges exactly.
 */
public final class RecentDistinctIr extends Ir {
  private final int capacity;
  private final Map<Object, Positioned> latestByValue = new HashMap<>();
  private long entryBytes; // of the entries held, kept as they come and go

  public RecentDistinctIr(int capacity) {
    this.capacity = capacity;
  }

  public void offer(Positioned entry) {
    Positioned current = latestByValue.get(entry.value());
    if (current == null || Positioned.OLDEST_FIRST.compare(entry, current) > 0) {
      latestByValue.put(entry.value(), entry);
      entryBytes +=
          HeapBytes.positioned(entry) - (current == null ? 0 : HeapBytes.positioned(current));
    }
    if (latestByValue.size() > capacity) {
      // a loop, not a stream: this runs per event added to a tile's IR; the first of equals wins,
      // as with Stream.min
      Positioned oldest = null;
      for (Positioned kept : latestByValue.values()) {
        if (oldest == null || Positioned.OLDEST_FIRST.compare(kept, oldest) < 0) {
          oldest = kept;
        }
      }
      latestByValue.remove(oldest.value());
      entryBytes -= HeapBytes.positioned(oldest);
    }
  }

  public void merge(RecentDistinctIr other) {
    for (Positioned entry : other.latestByValue.values()) {
      offer(entry);
    }
  }

  /** Newest first. */
  public List<Positioned> newestFirst() {
    List<Positioned> result = new ArrayList<>(latestByValue.values());
    result.sort(Positioned.OLDEST_FIRST.reversed());
    return result;
  }

  /** Oldest first: the canonical encoding order. */
  public List<Positioned> oldestFirst() {
    List<Positioned> result = new ArrayList<>(latestByValue.values());
    result.sort(Comparator.comparing(p -> p, Positioned.OLDEST_FIRST));
    return result;
  }

  @Override
  public long estimatedBytes() {
    // the IR, its map and the map's entries (a value is shared by its key and its entry)
    return HeapBytes.object(16)
        + HeapBytes.object(36)
        + latestByValue.size() * HeapBytes.HASH_ENTRY
        + entryBytes;
  }
}
