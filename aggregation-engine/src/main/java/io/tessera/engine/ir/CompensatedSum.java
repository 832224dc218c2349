package io.tessera.engine.ir;

/**
 * A floating-point sum with Neumaier compensation: {@code high} is the running sum and {@code low}
 * the rounding error it lost. Merging adds both parts, so the total is close to exact whatever the
 * order of adds and merges (well within 1e-9 relative unless the sum cancels to near zero).
 */
public final class CompensatedSum {
  private double high;
  private double low;

  public CompensatedSum() {}

  public CompensatedSum(double high, double low) {
    this.high = high;
    this.low = low;
  }

  public void add(double value) {
    double sum = high + value;
    if (Math.abs(high) >= Math.abs(value)) {
      low += (high - sum) + value;
    } else {
      low += (value - sum) + high;
    }
    high = sum;
  }

  public void add(CompensatedSum other) {
    add(other.high);
    add(other.low);
  }

  /** The best double for the sum; non-finite sums skip the (meaningless) compensation. */
  public double value() {
    return Double.isFinite(high) ? high + low : high;
  }

  public double high() {
    return high;
  }

  public double low() {
    return low;
  }
}
