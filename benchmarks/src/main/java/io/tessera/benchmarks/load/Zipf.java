package io.tessera.benchmarks.load;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Zipf distribution over ranks {@code 1..n}: rank {@code r} has weight {@code 1 / r^exponent}.
 * Used twice, with the same law: how active each user is, and how often each user is asked for, so
 * the hottest (most expensive) users are also the most requested.
 */
public final class Zipf {
  private final double exponent;
  private final double[] cumulative;

  public Zipf(int n, double exponent) {
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
  public double weight(int rank) {
    return 1.0 / Math.pow(rank, exponent);
  }

  /** How many ranks there are. */
  public int size() {
    return cumulative.length;
  }

  /** The share of all draws that goes to {@code rank}. */
  public double share(int rank) {
    return (rank == 1 ? cumulative[0] : cumulative[rank - 1] - cumulative[rank - 2]);
  }

  /** A rank in {@code 1..n}, drawn with probability proportional to its weight. */
  public int sample(SplittableRandom random) {
    int at = Arrays.binarySearch(cumulative, random.nextDouble());
    int index = at >= 0 ? at : -at - 1;
    return Math.min(index, cumulative.length - 1) + 1;
  }
}
