package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.ExtremumIr;
import java.util.Comparator;

/**
 * {@code max}: the largest value of an ordered column (numbers, timestamps). Empty: null.
 *
 * @param type the column type
 */
public record Max(ValueType type) implements AggregationFunction<ExtremumIr> {
  private static final Comparator<Object> BETTER = ColumnValues.NATURAL.reversed();

  @Override
  public AggregationKind kind() {
    return AggregationKind.MAX;
  }

  @Override
  public ExtremumIr init() {
    return new ExtremumIr();
  }

  @Override
  public void add(ExtremumIr ir, Object value, long eventTimeMs, String eventId) {
    ir.offer(ColumnValues.normalize(type, value), BETTER);
  }

  @Override
  public void merge(ExtremumIr into, ExtremumIr from) {
    if (from.value() != null) {
      into.offer(from.value(), BETTER);
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
      ir.offer(value, BETTER);
    }
    return ir;
  }

  @Override
  public Class<ExtremumIr> irClass() {
    return ExtremumIr.class;
  }
}
