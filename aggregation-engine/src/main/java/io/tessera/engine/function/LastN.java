package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.BoundedListIr;
import io.tessera.engine.ir.Positioned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code last_n(n)}: the n latest non-null values, newest first, in (event time, event id) order.
 * Empty: an empty list.
 *
 * @param type the column type
 * @param n how many values to keep, 1 to {@link AggregationKind#MAX_BOUNDED_STATE}
 */
public record LastN(ValueType type, int n) implements AggregationFunction<BoundedListIr> {
  public LastN {
    Functions.checkBounded("n", n);
  }

  @Override
  public AggregationKind kind() {
    return AggregationKind.LAST_N;
  }

  @Override
  public BoundedListIr init() {
    return new BoundedListIr(n, false);
  }

  @Override
  public void add(BoundedListIr ir, Object value, long eventTimeMs, String eventId) {
    ir.offer(new Positioned(eventTimeMs, eventId, ColumnValues.normalize(type, value)));
  }

  @Override
  public void merge(BoundedListIr into, BoundedListIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(BoundedListIr ir) {
    List<Positioned> newestFirst = new ArrayList<>(ir.entries());
    Collections.reverse(newestFirst);
    return FirstN.values(newestFirst);
  }

  @Override
  public void writePayload(BoundedListIr ir, IrOutput out) {
    IrPayloads.writePositioned(out, type, ir.entries());
  }

  @Override
  public BoundedListIr readPayload(IrInput in) {
    return IrPayloads.readBoundedList(in, type, n, false);
  }

  @Override
  public Class<BoundedListIr> irClass() {
    return BoundedListIr.class;
  }
}
