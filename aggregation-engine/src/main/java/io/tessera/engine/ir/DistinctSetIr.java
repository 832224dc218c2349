package io.tessera.engine.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exact set of distinct values, up to {@code cap}. Past the cap the set is dropped and the IR
 * only remembers that it overflowed: state stays bounded, and a union with an overflowed part has
 * overflowed too, so the overflow report is exact as well.
 */
public final class DistinctSetIr extends Ir {
  private final int cap;
  private Set<Object> values = new HashSet<>();
  private boolean overflowed;
  private long valueBytes; // of the values held, kept as they come

  public DistinctSetIr(int cap) {
    this.cap = cap;
  }

  public void offer(Object value) {
    if (overflowed) {
      return;
    }
    if (values.add(value)) {
      valueBytes += HeapBytes.value(value);
    }
    if (values.size() > cap) {
      overflow();
    }
  }

  public void merge(DistinctSetIr other) {
    if (other.overflowed) {
      overflow();
      return;
    }
    for (Object value : other.values) {
      offer(value);
    }
  }

  public void overflow() {
    overflowed = true;
    values = Set.of();
    valueBytes = 0;
  }

  public boolean overflowed() {
    return overflowed;
  }

  public int cap() {
    return cap;
  }

  public int size() {
    return values.size();
  }

  /** Sorted by the values' natural order, so the encoding is canonical. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public List<Object> sortedValues() {
    List<Object> sorted = new ArrayList<>(values);
    sorted.sort((a, b) -> ((Comparable) a).compareTo(b));
    return sorted;
  }

  @Override
  public long estimatedBytes() {
    // the IR, its set with the map behind it, and their entries
    return HeapBytes.object(20)
        + HeapBytes.object(4)
        + HeapBytes.object(36)
        + values.size() * HeapBytes.HASH_ENTRY
        + valueBytes;
  }
}
