package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.DigestIr;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.tdigest.TDigestDouble;

/**
 * {@code approx_percentile(p)}: the p-quantile of a numeric column, as a Double: exact (nearest
 * rank) up to {@link DigestIr#EXACT_LIMIT} values, else from a t-digest (k 100). Bound: the
 * returned value's rank in the exact sorted values is within {@link #RANK_ERROR_BOUND} + 1/n of p
 * (t-digest has no formal guarantee; this is the bound our property test enforces), and it lies
 * between the exact minimum and maximum. Empty: null.
 *
 * @param p the percentile, in [0, 1]
 */
public record ApproxPercentile(double p) implements AggregationFunction<DigestIr> {
  /** Normalized rank error the property tests allow (plus 1/n for interpolation). */
  public static final double RANK_ERROR_BOUND = 0.02;

  public ApproxPercentile {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("percentile p must be in [0, 1], was " + p);
    }
  }

  @Override
  public AggregationKind kind() {
    return AggregationKind.APPROX_PERCENTILE;
  }

  @Override
  public DigestIr init() {
    return new DigestIr();
  }

  @Override
  public void add(DigestIr ir, Object value, long eventTimeMs, String eventId) {
    ir.update(((Number) value).doubleValue());
  }

  @Override
  public void merge(DigestIr into, DigestIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(DigestIr ir) {
    return ir.isEmpty() ? null : ir.quantile(p);
  }

  @Override
  public void writePayload(DigestIr ir, IrOutput out) {
    if (ir.isExact()) { // mode 0: the exact values, in insertion order
      double[] values = ir.exactValues();
      out.writeByte(0).writeLong(values.length);
      for (double value : values) {
        out.writeDouble(value);
      }
    } else { // mode 1: the digest's own serialization
      out.writeByte(1).writeBytes(ir.digest().toByteArray());
    }
  }

  @Override
  public DigestIr readPayload(IrInput in) {
    if (in.readByte() == 1) {
      return DigestIr.ofDigest(TDigestDouble.heapify(Memory.wrap(in.readBytes())));
    }
    double[] values = new double[in.readLength()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return DigestIr.ofExact(values);
  }

  @Override
  public Class<DigestIr> irClass() {
    return DigestIr.class;
  }
}
