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
 * {@code first_n(n)}: the n earliest non-null values, oldest first, in (event time, event id)
 * order. Empty: an empty list.
 *
 * @param type the column type
 * @param n how many values to keep, 1 to {@link AggregationKind#MAX_BOUNDED_STATE}
 */
public record FirstN(ValueType type, int n) implements AggregationFunction<BoundedListIr> {
  public FirstN {
    Functions.checkBounded("n", n);
  }

  @Override
  public AggregationKind kind() {
    return AggregationKind.FIRST_N;
  }

  @Override
  public BoundedListIr init() {
    return new BoundedListIr(n, true);
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
    return values(ir.entries());
  }

  static List<Object> values(List<Positioned> entries) {
    List<Object> result = new ArrayList<>(entries.size());
    for (Positioned entry : entries) {
      result.add(entry.value());
    }
    return Collections.unmodifiableList(result);
  }

  @Override
  public void writePayload(BoundedListIr ir, IrOutput out) {
    IrPayloads.writePositioned(out, type, ir.entries());
  }

  @Override
  public BoundedListIr readPayload(IrInput in) {
    return IrPayloads.readBoundedList(in, type, n, true);
  }

  @Override
  public Class<BoundedListIr> irClass() {
    return BoundedListIr.class;
  }
}
