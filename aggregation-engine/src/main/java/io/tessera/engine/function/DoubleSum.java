package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.DoubleSumIr;

/** {@code sum} of a double column, compensated. Empty: null. */
public record DoubleSum() implements AggregationFunction<DoubleSumIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.SUM;
  }

  @Override
  public DoubleSumIr init() {
    return new DoubleSumIr();
  }

  @Override
  public void add(DoubleSumIr ir, Object value, long eventTimeMs, String eventId) {
    ir.add(((Number) value).doubleValue());
  }

  @Override
  public void merge(DoubleSumIr into, DoubleSumIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(DoubleSumIr ir) {
    return ir.count() == 0 ? null : ir.sum().value();
  }

  @Override
  public void writePayload(DoubleSumIr ir, IrOutput out) {
    out.writeLong(ir.count());
    IrPayloads.writeSum(out, ir.sum());
  }

  @Override
  public DoubleSumIr readPayload(IrInput in) {
    DoubleSumIr ir = new DoubleSumIr();
    long count = in.readLong();
    ir.restore(IrPayloads.readSum(in), count);
    return ir;
  }

  @Override
  public Class<DoubleSumIr> irClass() {
    return DoubleSumIr.class;
  }
}
