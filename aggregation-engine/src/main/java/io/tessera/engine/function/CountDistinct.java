package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.DistinctSetIr;

/**
 * {@code count_distinct(cap)}: the exact number of distinct non-null values as a Long, or {@link
 * CapExceeded} when there are more than {@code cap}. Empty: 0.
 *
 * @param type the column type
 * @param cap most distinct values kept, 1 to {@link AggregationKind#MAX_BOUNDED_STATE}
 */
public record CountDistinct(ValueType type, int cap) implements AggregationFunction<DistinctSetIr> {
  public CountDistinct {
    Functions.checkBounded("cap", cap);
  }

  @Override
  public AggregationKind kind() {
    return AggregationKind.COUNT_DISTINCT;
  }

  @Override
  public DistinctSetIr init() {
    return new DistinctSetIr(cap);
  }

  @Override
  public void add(DistinctSetIr ir, Object value, long eventTimeMs, String eventId) {
    ir.offer(ColumnValues.normalize(type, value));
  }

  @Override
  public void merge(DistinctSetIr into, DistinctSetIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(DistinctSetIr ir) {
    return ir.overflowed() ? new CapExceeded(cap) : (Object) (long) ir.size();
  }

  @Override
  public void writePayload(DistinctSetIr ir, IrOutput out) {
    IrPayloads.writeDistinctSet(out, type, ir);
  }

  @Override
  public DistinctSetIr readPayload(IrInput in) {
    return IrPayloads.readDistinctSet(in, type, cap);
  }

  @Override
  public Class<DistinctSetIr> irClass() {
    return DistinctSetIr.class;
  }
}
