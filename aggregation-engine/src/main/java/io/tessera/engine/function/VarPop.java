package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.MomentsIr;

/** {@code var_pop}: the population variance. Empty: null. */
public record VarPop() implements AggregationFunction<MomentsIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.VAR_POP;
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
    return n < 1 ? null : ir.m2() / n;
  }

  @Override
  public void writePayload(MomentsIr ir, IrOutput out) {
    Moments.write(ir, out);
  }

  @Override
  public MomentsIr readPayload(IrInput in) {
    return Moments.read(in);
  }

  @Override
  public Class<MomentsIr> irClass() {
    return MomentsIr.class;
  }
}
