package io.tessera.engine.ir;

import org.apache.datasketches.tdigest.TDigestDouble;

/**
 * A t-digest (Apache DataSketches) of the values, for approximate percentiles. Chosen over KLL
 * because KLL's compaction draws from a process-wide random generator that cannot be seeded, which
 * would break byte-identical recomputation of sealed tiles; the t-digest is fully deterministic.
 */
public final class DigestIr extends Ir {
  /** Compression: about 2k centroids at most; measured rank error well under 1% at this k. */
  public static final short K = 200;

  private final TDigestDouble digest;

  public DigestIr() {
    this(new TDigestDouble(K));
  }

  public DigestIr(TDigestDouble digest) {
    this.digest = digest;
  }

  public TDigestDouble digest() {
    return digest;
  }
}
