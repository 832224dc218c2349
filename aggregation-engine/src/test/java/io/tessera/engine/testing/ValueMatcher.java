package io.tessera.engine.testing;

import io.tessera.engine.function.ApproxPercentile;
import io.tessera.engine.view.FeatureSpec;
import java.util.Objects;

/**
 * Compares an engine value with the oracle's: exactly, or within 1e-9 relative for floating-point
 * sums, means and variances, or within the sketch's documented bound.
 */
public final class ValueMatcher {
  /** Relative tolerance of compensated sums and variances (DESIGN.md invariant 3). */
  public static final double RELATIVE = 1e-9;

  private ValueMatcher() {}

  /** Null when {@code actual} matches, else what is wrong. */
  public static String mismatch(FeatureSpec feature, Object expected, Object actual) {
    switch (feature.kind()) {
      case SUM, MEAN, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> {
        if (expected instanceof Double e && actual instanceof Double a) {
          // absolute slack only where the exact value cancels to (near) zero
          double tolerance = RELATIVE * Math.abs(e) + 1e-9;
          return Math.abs(a - e) <= tolerance ? null : "expected " + e + " got " + a;
        }
        return Objects.equals(expected, actual) ? null : "expected " + expected + " got " + actual;
      }
      case APPROX_COUNT_DISTINCT -> {
        if (!(expected instanceof Long) || !(actual instanceof Long)) {
          return Objects.equals(expected, actual)
              ? null
              : "expected " + expected + " got " + actual;
        }
        long exact = (Long) expected;
        long estimate = (Long) actual;
        // HLL lgK=12: 3 relative standard errors (3 x 1.04 / 64, about 4.9%), plus rounding
        return Math.abs(estimate - exact) <= 0.049 * exact + 1
            ? null
            : "estimate " + estimate + " for exact " + exact;
      }
      case APPROX_PERCENTILE -> {
        if (expected == null || actual == null) {
          return expected == actual ? null : "expected " + expected + " got " + actual;
        }
        return percentileMismatch((double[]) expected, (Double) actual, feature.params().p());
      }
      default -> {
        return Objects.equals(expected, actual) ? null : "expected " + expected + " got " + actual;
      }
    }
  }

  private static String percentileMismatch(double[] sorted, double q, double p) {
    int n = sorted.length;
    if (q < sorted[0] || q > sorted[n - 1]) {
      return "percentile " + q + " outside [" + sorted[0] + ", " + sorted[n - 1] + "]";
    }
    int below = 0;
    int atOrBelow = 0;
    for (double value : sorted) {
      below += value < q ? 1 : 0;
      atOrBelow += value <= q ? 1 : 0;
    }
    double slack = ApproxPercentile.RANK_ERROR_BOUND + 1.0 / n;
    boolean ok = (double) below / n - slack <= p && p <= (double) atOrBelow / n + slack;
    return ok ? null : "percentile " + q + " has rank [" + below + ", " + atOrBelow + "]/" + n;
  }
}
