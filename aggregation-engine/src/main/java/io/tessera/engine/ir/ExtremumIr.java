package io.tessera.engine.ir;

import java.util.Comparator;

/** The smallest or largest value seen (which one is the function's choice), or null. */
public final class ExtremumIr extends Ir {
  private Object value;

  public Object value() {
    return value;
  }

  /** Keeps {@code candidate} if there is no value yet or it wins under {@code better}. */
  public void offer(Object candidate, Comparator<Object> better) {
    if (value == null || better.compare(candidate, value) < 0) {
      value = candidate;
    }
  }

  @Override
  public long estimatedBytes() {
    return HeapBytes.object(12) + HeapBytes.value(value);
  }
}
