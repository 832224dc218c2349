package io.tessera.engine.ir;

/**
 * Count, compensated sum and compensated sum of squared deviations (M2) for the variance family.
 * Merging follows Chan, Golub and LeVeque (1979): {@code M2 = M2a + M2b + delta^2 * na * nb / n},
 * with {@code delta} the difference of the two means; adding a value is merging a one-value IR.
 */
public final class MomentsIr extends Ir {
  private long count;
  private CompensatedSum sum = new CompensatedSum();
  private CompensatedSum m2 = new CompensatedSum();

  public void add(double value) {
    if (count == 0) {
      count = 1;
      sum.add(value);
      return;
    }
    double delta = value - mean();
    long n = count + 1;
    m2.add(delta * delta * count / n);
    sum.add(value);
    count = n;
  }

  public void merge(MomentsIr other) {
    if (other.count == 0) {
      return;
    }
    if (count == 0) {
      count = other.count;
      sum.add(other.sum);
      m2.add(other.m2);
      return;
    }
    double delta = other.mean() - mean();
    long n = count + other.count;
    m2.add(other.m2);
    m2.add(delta * delta * ((double) count * other.count / n));
    sum.add(other.sum);
    count = n;
  }

  public double mean() {
    return sum.value() / count;
  }

  public long count() {
    return count;
  }

  public CompensatedSum sum() {
    return sum;
  }

  /** Sum of squared deviations from the mean; never negative. */
  public double m2() {
    return Math.max(0.0, m2.value());
  }

  public CompensatedSum m2Parts() {
    return m2;
  }

  public void restore(long count, CompensatedSum sum, CompensatedSum m2) {
    this.count = count;
    this.sum = sum;
    this.m2 = m2;
  }

  @Override
  public long estimatedBytes() {
    return HeapBytes.object(24) + 2 * HeapBytes.object(16); // and its two compensated sums
  }
}
