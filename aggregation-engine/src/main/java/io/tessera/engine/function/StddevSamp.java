package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.MomentsIr;

/** {@code stddev_samp}: the sample standard deviation. Empty or one value: null. */
public record StddevSamp() implements AggregationFunction<MomentsIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.STDDEV_SAMP;
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
    return n < 2 ? null : Math.sqrt(ir.m2() / (n - 1));
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
