package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.EdgeIr;
import java.util.Objects;

/**
 * {@code first} and {@code last}: the non-null value of the earliest or latest event in (event
 * time, event id) order. Empty: null.
 *
 * @param kind {@link AggregationKind#FIRST} or {@link AggregationKind#LAST}
 * @param type the column type
 */
public record Edge(AggregationKind kind, ValueType type) implements AggregationFunction<EdgeIr> {
  public Edge {
    Objects.requireNonNull(type, "type");
    if (kind != AggregationKind.FIRST && kind != AggregationKind.LAST) {
      throw new IllegalArgumentException("Edge is first or last, not " + kind);
    }
  }

  public static Edge first(ValueType type) {
    return new Edge(AggregationKind.FIRST, type);
  }

  public static Edge last(ValueType type) {
    return new Edge(AggregationKind.LAST, type);
  }

  private boolean earliest() {
    return kind == AggregationKind.FIRST;
  }

  @Override
  public EdgeIr init() {
    return new EdgeIr();
  }

  @Override
  public void add(EdgeIr ir, Object value, long eventTimeMs, String eventId) {
    ir.offer(ColumnValues.normalize(type, value), eventTimeMs, eventId, earliest());
  }

  @Override
  public void merge(EdgeIr into, EdgeIr from) {
    if (!from.isEmpty()) {
      into.offer(from.value(), from.timeMs(), from.eventId(), earliest());
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
