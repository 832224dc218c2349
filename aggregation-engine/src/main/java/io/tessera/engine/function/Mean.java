package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.MeanIr;

/** {@code mean} of a numeric column, as a Double from a compensated sum. Empty: null. */
public record Mean() implements AggregationFunction<MeanIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.MEAN;
  }

  @Override
  public MeanIr init() {
    return new MeanIr();
  }

  @Override
  public void add(MeanIr ir, Object value, long eventTimeMs, String eventId) {
    ir.add(((Number) value).doubleValue());
  }

  @Override
  public void merge(MeanIr into, MeanIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(MeanIr ir) {
    return ir.count() == 0 ? null : ir.sum().value() / ir.count();
  }

  @Override
  public void writePayload(MeanIr ir, IrOutput out) {
    out.writeLong(ir.count());
    IrPayloads.writeSum(out, ir.sum());
  }

  @Override
  public MeanIr readPayload(IrInput in) {
    MeanIr ir = new MeanIr();
    long count = in.readLong();
    ir.restore(IrPayloads.readSum(in), count);
    return ir;
  }

  @Override
  public Class<MeanIr> irClass() {
    return MeanIr.class;
  }
}
