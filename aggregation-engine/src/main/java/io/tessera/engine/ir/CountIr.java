package io.tessera.engine.ir;

/** A count of events (or of non-null values). Empty value: 0. */
public final class CountIr extends Ir {
  private long count;

  public long count() {
    return count;
  }

  public void increment(long by) {
    count += by;
  }

  @Override
  public long estimatedBytes() {
    return HeapBytes.object(16);
  }
}
