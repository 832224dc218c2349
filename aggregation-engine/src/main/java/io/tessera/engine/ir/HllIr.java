package io.tessera.engine.ir;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * A HyperLogLog sketch (Apache DataSketches) of the distinct values. Its hash seed is the library's
 * fixed default, so the same values in the same order give the same bytes.
 */
public final class HllIr extends Ir {
  /** 2^12 registers: relative standard error about 1.6%, at most 4 KiB per tile (HLL_8). */
  public static final int LG_K = 12;

  private HllSketch sketch;

  public HllIr() {
    this(new HllSketch(LG_K, TgtHllType.HLL_8));
  }

  public HllIr(HllSketch sketch) {
    this.sketch = sketch;
  }

  public HllSketch sketch() {
    return sketch;
  }

  public void merge(HllIr other) {
    if (other.sketch.isEmpty()) {
      return;
    }
    Union union = new Union(LG_K);
    union.update(sketch);
    union.update(other.sketch);
    sketch = union.getResult(TgtHllType.HLL_8);
  }
}
