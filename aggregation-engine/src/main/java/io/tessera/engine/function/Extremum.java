package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.ExtremumIr;
import java.util.Comparator;
import java.util.Objects;

/**
 * {@code min} and {@code max}: the smallest or largest value of an ordered column (numbers,
 * timestamps). Empty: null. Both keep one value and encode it the same way; only the order that
 * decides which value wins differs.
 *
 * @param kind {@link AggregationKind#MIN} or {@link AggregationKind#MAX}
 * @param type the column type
 */
public record Extremum(AggregationKind kind, ValueType type)
    implements AggregationFunction<ExtremumIr> {
  private static final Comparator<Object> SMALLER_FIRST = ColumnValues.NATURAL;
  private static final Comparator<Object> LARGER_FIRST = ColumnValues.NATURAL.reversed();

  public Extremum {
    Objects.requireNonNull(type, "type");
    if (kind != AggregationKind.MIN && kind != AggregationKind.MAX) {
      throw new IllegalArgumentException("Extremum is min or max, not " + kind);
    }
  }

  public static Extremum min(ValueType type) {
    return new Extremum(AggregationKind.MIN, type);
  }

  public static Extremum max(ValueType type) {
    return new Extremum(AggregationKind.MAX, type);
  }

  /** The order in which the kept value comes first. */
  private Comparator<Object> better() {
    return kind == AggregationKind.MIN ? SMALLER_FIRST : LARGER_FIRST;
  }

  @Override
  public ExtremumIr init() {
    return new ExtremumIr();
  }

  @Override
  public void add(ExtremumIr ir, Object value, long eventTimeMs, String eventId) {
    ir.offer(ColumnValues.normalize(type, value), better());
  }

  @Override
  public void merge(ExtremumIr into, ExtremumIr from) {
    if (from.value() != null) {
      into.offer(from.value(), better());
    }
  }

  @Override
  public Object finish(ExtremumIr ir) {
    return ir.value();
  }

  @Override
  public void writePayload(ExtremumIr ir, IrOutput out) {
    IrPayloads.writeOptionalValue(out, type, ir.value());
  }

  @Override
  public ExtremumIr readPayload(IrInput in) {
    ExtremumIr ir = new ExtremumIr();
    Object value = IrPayloads.readOptionalValue(in, type);
    if (value != null) {
      ir.offer(value, better());
    }
    return ir;
  }

  @Override
  public Class<ExtremumIr> irClass() {
    return ExtremumIr.class;
  }
}
