package io.tessera.engine.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code n} earliest ({@code first_n}) or latest ({@code last_n}) values in canonical order,
 * kept sorted oldest first. The n earliest of a union are among the n earliest of each part, so
 * merging is exact.
 */
public final class BoundedListIr extends Ir {
  private final int capacity;
  private final boolean keepEarliest;
  private final List<Positioned> entries = new ArrayList<>();
  private long entryBytes; // of the entries held, kept as they come and go

  public BoundedListIr(int capacity, boolean keepEarliest) {
    this.capacity = capacity;
    this.keepEarliest = keepEarliest;
  }

  public void offer(Positioned entry) {
    int at = Collections.binarySearch(entries, entry, Positioned.OLDEST_FIRST);
    if (at >= 0) {
      return; // the same event, seen through two paths
    }
    entries.add(-at - 1, entry);
    entryBytes += HeapBytes.positioned(entry);
    if (entries.size() > capacity) {
      entryBytes -= HeapBytes.positioned(entries.remove(keepEarliest ? entries.size() - 1 : 0));
    }
  }

  public void merge(BoundedListIr other) {
    for (Positioned entry : other.entries) {
      offer(entry);
    }
  }

  /** Oldest first. */
  public List<Positioned> entries() {
    return Collections.unmodifiableList(entries);
  }

  @Override
  public long estimatedBytes() {
    // the IR, its list and the list's array (about as long as the entries)
    return HeapBytes.object(20)
        + HeapBytes.object(12)
        + HeapBytes.array(4L * entries.size())
        + entryBytes;
  }
}
