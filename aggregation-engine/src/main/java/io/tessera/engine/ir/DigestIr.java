package io.tessera.engine.ir;

import java.util.Arrays;
import org.apache.datasketches.tdigest.TDigestDouble;

/**
 * Values for approximate percentiles: kept exactly while there are at most {@link #EXACT_LIMIT}
 * (most tiles and short windows), then as a t-digest (Apache DataSketches). The t-digest was chosen
 * over KLL because KLL's compaction draws from a process-wide random generator that cannot be
 * seeded, which would break byte-identical recomputation of sealed tiles; the t-digest and the
 * exact list are fully deterministic.
 */
public final class DigestIr extends Ir {
  /** The t-digest compression parameter (the library default). */
  public static final short K = 100;

  /** Up to this many values are kept exactly: cheaper than a digest, and exact. */
  public static final int EXACT_LIMIT = 64;

  /**
   * A digest's heap, fixed by {@link #K} when it is made: centroid means and weights for about 2K
   * centroids and a buffer four times that (210 and 840 at K 100, measured on datasketches 6.2).
   */
  private static final long DIGEST_BYTES =
      HeapBytes.object(60) + 2 * HeapBytes.array(8L * 210) + HeapBytes.array(8L * 840);

  private double[] exact = new double[0];
  private int exactCount;
  private TDigestDouble digest;

  public DigestIr() {}

  /** An IR holding the given exact values (at most {@link #EXACT_LIMIT}). */
  public static DigestIr ofExact(double[] values) {
    DigestIr ir = new DigestIr();
    for (double value : values) {
      ir.update(value);
    }
    return ir;
  }

  public static DigestIr ofDigest(TDigestDouble digest) {
    DigestIr ir = new DigestIr();
    ir.digest = digest;
    return ir;
  }

  public boolean isEmpty() {
    return digest == null ? exactCount == 0 : digest.isEmpty();
  }

  /** Whether the values are held exactly (else as a digest). */
  public boolean isExact() {
    return digest == null;
  }

  /** The exact values in insertion order; only while {@link #isExact()}. */
  public double[] exactValues() {
    return Arrays.copyOf(exact, exactCount);
  }

  public TDigestDouble digest() {
    return digest;
  }

  public void update(double value) {
    if (digest != null) {
      digest.update(value);
    } else if (exactCount < EXACT_LIMIT) {
      if (exactCount == exact.length) {
        exact = Arrays.copyOf(exact, Math.max(4, exactCount * 2));
      }
      exact[exactCount++] = value;
    } else {
      toDigest().update(value);
    }
  }

  public void merge(DigestIr other) {
    if (other.digest != null) {
      toDigest().merge(other.digest);
    } else {
      for (int i = 0; i < other.exactCount; i++) {
        update(other.exact[i]);
      }
    }
  }

  /** The p-quantile: nearest rank while exact, else the digest's estimate. */
  public double quantile(double p) {
    if (digest != null) {
      return digest.getQuantile(p);
    }
    double[] sorted = exactValues();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private TDigestDouble toDigest() {
    if (digest == null) {
      digest = new TDigestDouble(K);
      for (int i = 0; i < exactCount; i++) {
        digest.update(exact[i]);
      }
      exact = new double[0];
      exactCount = 0;
    }
    return digest;
  }

  @Override
  public long estimatedBytes() {
    return HeapBytes.object(20)
        + HeapBytes.array(8L * exact.length)
        + (digest == null ? 0 : DIGEST_BYTES);
  }
}
