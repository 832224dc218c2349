package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.DigestIr;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.tdigest.TDigestDouble;

/**
 * {@code approx_percentile(p)}: the p-quantile of a numeric column from a t-digest (k 200), as a
 * Double. Bound: the returned value's rank in the exact sorted values is within {@link
 * #RANK_ERROR_BOUND} + 1/n of p (t-digest has no formal guarantee; this is the bound our property
 * test enforces), and it lies between the exact minimum and maximum. Empty: null.
 *
 * @param p the percentile, in [0, 1]
 */
public record ApproxPercentile(double p) implements AggregationFunction<DigestIr> {
  /** Normalized rank error the property tests allow (plus 1/n for interpolation). */
  public static final double RANK_ERROR_BOUND = 0.01;

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
    ir.digest().update(((Number) value).doubleValue());
  }

  @Override
  public void merge(DigestIr into, DigestIr from) {
    if (!from.digest().isEmpty()) {
      into.digest().merge(from.digest());
    }
  }

  @Override
  public Object finish(DigestIr ir) {
    return ir.digest().isEmpty() ? null : ir.digest().getQuantile(p);
  }

  @Override
  public void writePayload(DigestIr ir, IrOutput out) {
    out.writeBytes(ir.digest().toByteArray());
  }

  @Override
  public DigestIr readPayload(IrInput in) {
    return new DigestIr(TDigestDouble.heapify(Memory.wrap(in.readBytes())));
  }

  @Override
  public Class<DigestIr> irClass() {
    return DigestIr.class;
  }
}
