package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.Positioned;
import io.tessera.engine.ir.RecentDistinctIr;

/**
 * {@code last_distinct_n(n)}: the n most recent distinct non-null values, newest first, ranked by
 * the (event time, event id) of each value's latest occurrence. Empty: an empty list.
 *
 * @param type the column type
 * @param n how many values to keep, 1 to {@link AggregationKind#MAX_BOUNDED_STATE}
 */
public record LastDistinctN(ValueType type, int n)
    implements AggregationFunction<RecentDistinctIr> {
  public LastDistinctN {
    Functions.checkBounded("n", n);
  }

  @Override
  public AggregationKind kind() {
    return AggregationKind.LAST_DISTINCT_N;
  }

  @Override
  public RecentDistinctIr init() {
    return new RecentDistinctIr(n);
  }

  @Override
  public void add(RecentDistinctIr ir, Object value, long eventTimeMs, String eventId) {
    ir.offer(new Positioned(eventTimeMs, eventId, ColumnValues.normalize(type, value)));
  }

  @Override
  public void merge(RecentDistinctIr into, RecentDistinctIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(RecentDistinctIr ir) {
    return EdgeN.values(ir.newestFirst());
  }

  @Override
  public void writePayload(RecentDistinctIr ir, IrOutput out) {
    IrPayloads.writePositioned(out, type, ir.oldestFirst());
  }

  @Override
  public RecentDistinctIr readPayload(IrInput in) {
    return IrPayloads.readRecentDistinct(in, type, n);
  }

  @Override
  public Class<RecentDistinctIr> irClass() {
    return RecentDistinctIr.class;
  }
}
