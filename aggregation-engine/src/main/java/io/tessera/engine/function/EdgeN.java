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
import java.util.Objects;

/**
 * {@code first_n(n)} and {@code last_n(n)}: the n earliest non-null values, oldest first, or the n
 * latest, newest first, in (event time, event id) order. Empty: an empty list.
 *
 * @param kind {@link AggregationKind#FIRST_N} or {@link AggregationKind#LAST_N}
 * @param type the column type
 * @param n how many values to keep, 1 to {@link AggregationKind#MAX_BOUNDED_STATE}
 */
public record EdgeN(AggregationKind kind, ValueType type, int n)
    implements AggregationFunction<BoundedListIr> {
  public EdgeN {
    Objects.requireNonNull(type, "type");
    if (kind != AggregationKind.FIRST_N && kind != AggregationKind.LAST_N) {
      throw new IllegalArgumentException("EdgeN is first_n or last_n, not " + kind);
    }
    Functions.checkBounded("n", n);
  }

  public static EdgeN firstN(ValueType type, int n) {
    return new EdgeN(AggregationKind.FIRST_N, type, n);
  }

  public static EdgeN lastN(ValueType type, int n) {
    return new EdgeN(AggregationKind.LAST_N, type, n);
  }

  private boolean earliest() {
    return kind == AggregationKind.FIRST_N;
  }

  @Override
  public BoundedListIr init() {
    return new BoundedListIr(n, earliest());
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
    if (earliest()) {
      return values(ir.entries());
    }
    List<Positioned> newestFirst = new ArrayList<>(ir.entries());
    Collections.reverse(newestFirst);
    return values(newestFirst);
  }

  /** The values of {@code entries}, in their order, as an unmodifiable list. */
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
    return IrPayloads.readBoundedList(in, type, n, earliest());
  }

  @Override
  public Class<BoundedListIr> irClass() {
    return BoundedListIr.class;
  }
}
