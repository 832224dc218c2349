package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.CountIr;

/** {@code count}: events, or non-null values of the column if one is named. Empty: 0. */
public record Count() implements AggregationFunction<CountIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.COUNT;
  }

  @Override
  public CountIr init() {
    return new CountIr();
  }

  @Override
  public void add(CountIr ir, Object value, long eventTimeMs, String eventId) {
    ir.increment(1);
  }

  @Override
  public void merge(CountIr into, CountIr from) {
    into.increment(from.count());
  }

  @Override
  public Object finish(CountIr ir) {
    return ir.count();
  }

  @Override
  public void writePayload(CountIr ir, IrOutput out) {
    out.writeLong(ir.count());
  }

  @Override
  public CountIr readPayload(IrInput in) {
    CountIr ir = new CountIr();
    ir.increment(in.readLong());
    return ir;
  }

  @Override
  public Class<CountIr> irClass() {
    return CountIr.class;
  }
}
