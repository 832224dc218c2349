package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.EdgeIr;

/**
 * {@code first}: the non-null value of the earliest event in (event time, event id) order. Empty:
 * null.
 *
 * @param type the column type
 */
public record First(ValueType type) implements AggregationFunction<EdgeIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.FIRST;
  }

  @Override
  public EdgeIr init() {
    return new EdgeIr();
  }

  @Override
  public void add(EdgeIr ir, Object value, long eventTimeMs, String eventId) {
    ir.offer(ColumnValues.normalize(type, value), eventTimeMs, eventId, true);
  }

  @Override
  public void merge(EdgeIr into, EdgeIr from) {
    if (!from.isEmpty()) {
      into.offer(from.value(), from.timeMs(), from.eventId(), true);
    }
  }

  @Override
  public Object finish(EdgeIr ir) {
    return ir.value();
  }

  @Override
  public void writePayload(EdgeIr ir, IrOutput out) {
    IrPayloads.writeEdge(out, type, ir);
  }

  @Override
  public EdgeIr readPayload(IrInput in) {
    return IrPayloads.readEdge(in, type);
  }

  @Override
  public Class<EdgeIr> irClass() {
    return EdgeIr.class;
  }
}
