package io.tessera.engine.ir;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * A HyperLogLog sketch (Apache DataSketches) of the distinct values, kept as a {@link Union} so
 * that adds and merges reuse one gadget. Its hash seed is the library's fixed default, so the same
 * values in the same order give the same bytes (the compact bytes list coupons in insertion order,
 * so only canonical order makes them unique). Created on first use: most window accumulators and
 * many tiles never see a value, and a gadget costs kilobytes.
 */
public final class HllIr extends Ir {
  /** 2^12 registers: relative standard error about 1.6%, at most 4 KiB per tile (HLL_8). */
  public static final int LG_K = 12;

  /** The objects around a sketch's bytes (union, sketch, its array's header), about. */
  private static final long GADGET_OBJECTS = 96;

  /** The decoded sketch, kept as read until the IR changes, so re-encoding gives equal bytes. */
  private HllSketch decoded;

  private Union union;

  public HllIr() {}

  public HllIr(HllSketch sketch) {
    decoded = sketch.isEmpty() ? null : sketch;
  }

  public boolean isEmpty() {
    return decoded == null && (union == null || union.isEmpty());
  }

  public void update(long value) {
    gadget().update(value);
  }

  public void update(double value) {
    gadget().update(value);
  }

  public void update(String value) {
    gadget().update(value);
  }

  public void merge(HllIr other) {
    if (!other.isEmpty()) {
      gadget()
          .update(other.decoded != null ? other.decoded : other.union.getResult(TgtHllType.HLL_8));
    }
  }

  public double estimate() {
    if (isEmpty()) {
      return 0.0;
    }
    return decoded != null ? decoded.getEstimate() : union.getEstimate();
  }

  /** The compact bytes of the sketch (an empty sketch when nothing was added). */
  public byte[] toCompactByteArray() {
    if (isEmpty()) {
      return new HllSketch(LG_K, TgtHllType.HLL_8).toCompactByteArray();
    }
    return decoded != null
        ? decoded.toCompactByteArray()
        : union.getResult(TgtHllType.HLL_8).toCompactByteArray();
  }

  private Union gadget() {
    if (union == null) {
      union = new Union(LG_K);
      if (decoded != null) {
        union.update(decoded);
        decoded = null;
      }
    }
    return union;
  }

  @Override
  public long estimatedBytes() {
    // a sketch's updatable size is its memory: coupons while few, then 2^LG_K registers
    long bytes = HeapBytes.object(16);
    if (union != null) {
      bytes += GADGET_OBJECTS + union.getUpdatableSerializationBytes();
    }
    if (decoded != null) {
      bytes += GADGET_OBJECTS + decoded.getUpdatableSerializationBytes();
    }
    return bytes;
  }
}
