package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.LongSumIr;

/**
 * {@code sum} of a long column: exact (128-bit), a Long, or the nearest Double if the sum leaves
 * the long range. Empty: null.
 */
public record LongSum() implements AggregationFunction<LongSumIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.SUM;
  }

  @Override
  public LongSumIr init() {
    return new LongSumIr();
  }

  @Override
  public void add(LongSumIr ir, Object value, long eventTimeMs, String eventId) {
    ir.add(((Number) value).longValue());
  }

  @Override
  public void merge(LongSumIr into, LongSumIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(LongSumIr ir) {
    return ir.value();
  }

  @Override
  public void writePayload(LongSumIr ir, IrOutput out) {
    out.writeLong(ir.count()).writeLong(ir.low()).writeLong(ir.carry());
  }

  @Override
  public LongSumIr readPayload(IrInput in) {
    LongSumIr ir = new LongSumIr();
    long count = in.readLong();
    long low = in.readLong();
    ir.restore(low, in.readLong(), count);
    return ir;
  }

  @Override
  public Class<LongSumIr> irClass() {
    return LongSumIr.class;
  }
}
