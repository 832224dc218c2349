package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.MomentsIr;
import java.util.Objects;

/**
 * {@code var_samp}, {@code var_pop}, {@code stddev_samp} and {@code stddev_pop}: the sample (n - 1
 * denominator) or population variance of a numeric column, or its square root. Empty (and, for the
 * sample forms, one value): null. All four keep the same IR (count, sum, M2, merged with Chan et
 * al.) and payload (count, then sum and M2, each compensated); only {@link #finish} differs.
 *
 * @param kind one of the four variance kinds
 */
public record Dispersion(AggregationKind kind) implements AggregationFunction<MomentsIr> {
  public Dispersion {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP -> {}
      default -> throw new IllegalArgumentException("Dispersion is a variance kind, not " + kind);
    }
  }

  public static Dispersion varSamp() {
    return new Dispersion(AggregationKind.VAR_SAMP);
  }

  public static Dispersion varPop() {
    return new Dispersion(AggregationKind.VAR_POP);
  }

  public static Dispersion stddevSamp() {
    return new Dispersion(AggregationKind.STDDEV_SAMP);
  }

  public static Dispersion stddevPop() {
    return new Dispersion(AggregationKind.STDDEV_POP);
  }

  @Override
  public MomentsIr init() {
    return new MomentsIr();
  }

  @Override
  public void add(MomentsIr ir, Object value, long eventTimeMs, String eventId) {
    ir.add(((Number) value).doubleValue());
  }

  @Override
  public void merge(MomentsIr into, MomentsIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(MomentsIr ir) {
    long n = ir.count();
    return switch (kind) {
      case VAR_SAMP -> n < 2 ? null : ir.m2() / (n - 1);
      case VAR_POP -> n < 1 ? null : ir.m2() / n;
      case STDDEV_SAMP -> n < 2 ? null : Math.sqrt(ir.m2() / (n - 1));
      case STDDEV_POP -> n < 1 ? null : Math.sqrt(ir.m2() / n);
      default -> throw new IllegalStateException("not a variance kind: " + kind);
    };
  }

  @Override
  public void writePayload(MomentsIr ir, IrOutput out) {
    out.writeLong(ir.count());
    IrPayloads.writeSum(out, ir.sum());
    IrPayloads.writeSum(out, ir.m2Parts());
  }

  @Override
  public MomentsIr readPayload(IrInput in) {
    MomentsIr ir = new MomentsIr();
    long count = in.readLong();
    ir.restore(count, IrPayloads.readSum(in), IrPayloads.readSum(in));
    return ir;
  }

  @Override
  public Class<MomentsIr> irClass() {
    return MomentsIr.class;
  }
}
