package io.tessera.engine.ir;

/**
 * An exact sum of longs as a 128-bit integer: {@code low} wraps like Java arithmetic and {@code
 * carry} counts the wraps (times 2^64). Exact, so associative and commutative to the bit.
 */
public final class LongSumIr extends Ir {
  private static final double TWO_TO_64 = 18446744073709551616.0;

  private long low;
  private long carry;
  private long count;

  public void add(long value) {
    long sum = low + value;
    if (((low ^ sum) & (value ^ sum)) < 0) {
      carry += value < 0 ? -1 : 1;
    }
    low = sum;
    count++;
  }

  public void merge(LongSumIr other) {
    long sum = low + other.low;
    if (((low ^ sum) & (other.low ^ sum)) < 0) {
      carry += other.low < 0 ? -1 : 1;
    }
    low = sum;
    carry += other.carry;
    count += other.count;
  }

  /** The sum as a Long when it fits, else the nearest double; null when no value was added. */
  public Number value() {
    if (count == 0) {
      return null;
    }
    if (carry == 0) {
      return low; // not a ?: expression, which would promote the Long to a double
    }
    return carry * TWO_TO_64 + low;
  }

  public long low() {
    return low;
  }

  public long carry() {
    return carry;
  }

  public long count() {
    return count;
  }

  public void restore(long low, long carry, long count) {
    this.low = low;
    this.carry = carry;
    this.count = count;
  }

  @Override
  public long estimatedBytes() {
    return HeapBytes.object(32);
  }
}
