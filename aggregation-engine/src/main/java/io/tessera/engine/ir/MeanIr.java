package io.tessera.engine.ir;

/** Count and compensated sum: the mean is their quotient. */
public final class MeanIr extends Ir {
  private CompensatedSum sum = new CompensatedSum();
  private long count;

  public void add(double value) {
    sum.add(value);
    count++;
  }

  public void merge(MeanIr other) {
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
}
