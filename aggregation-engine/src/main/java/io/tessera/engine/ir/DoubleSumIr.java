package io.tessera.engine.ir;

/**
 * A compensated sum of doubles and how many were added (so an empty sum is null, not 0): the IR of
 * a double column's {@code sum} and of {@code mean} (their quotient).
 */
public final class DoubleSumIr extends Ir {
  private CompensatedSum sum = new CompensatedSum();
  private long count;

  public void add(double value) {
    sum.add(value);
    count++;
  }

  public void merge(DoubleSumIr other) {
    sum.add(other.sum);
    count += other.count;
  }

  public CompensatedSum sum() {
    return sum;
  }

  public long count() {
    return count;
  }

  public void restore(CompensatedSum sum, long count) {
    this.sum = sum;
    this.count = count;
  }

  @Override
  public long estimatedBytes() {
    return HeapBytes.object(20) + HeapBytes.object(16); // and its compensated sum
  }
}
