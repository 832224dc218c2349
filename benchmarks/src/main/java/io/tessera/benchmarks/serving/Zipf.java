package io.tessera.benchmarks.serving;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Zipf distribution over ranks {@code 1..n}: rank {@code r} has weight {@code 1 / r^exponent}.
 * Used twice, with the same law: how active each user is, and how often each user is asked for, so
 * the hottest (most expensive) users are also the most requested.
 */
final class Zipf {
  private final double exponent;
  private final double[] cumulative;

  Zipf(int n, double exponent) {
    if (n < 1 || exponent <= 0) {
      throw new IllegalArgumentException("n=" + n + ", exponent=" + exponent);
    }
    this.exponent = exponent;
    this.cumulative = new double[n];
    double sum = 0;
    for (int rank = 1; rank <= n; rank++) {
      sum += weight(rank);
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
  }

  /** The unnormalized weight of {@code rank}. */
  double weight(int rank) {
    return 1.0 / Math.pow(rank, exponent);
  }

  /** A rank in {@code 1..n}, drawn with probability proportional to its weight. */
  int sample(SplittableRandom random) {
    int at = Arrays.binarySearch(cumulative, random.nextDouble());
    int index = at >= 0 ? at : -at - 1;
    return Math.min(index, cumulative.length - 1) + 1;
  }
}
