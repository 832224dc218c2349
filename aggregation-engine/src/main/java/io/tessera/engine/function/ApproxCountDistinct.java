package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.HllIr;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.memory.Memory;

/**
 * {@code approx_count_distinct}: a HyperLogLog estimate (lgK 12) of the distinct non-null values,
 * as a Long. Bound: the true count lies within the sketch's {@code getLowerBound(3)} and {@code
 * getUpperBound(3)} (3 standard errors, about 5% at large counts; exact while small). Empty: 0.
 *
 * @param type the column type
 */
public record ApproxCountDistinct(ValueType type) implements AggregationFunction<HllIr> {
  @Override
  public AggregationKind kind() {
    return AggregationKind.APPROX_COUNT_DISTINCT;
  }

  @Override
  public HllIr init() {
    return new HllIr();
  }

  @Override
  public void add(HllIr ir, Object value, long eventTimeMs, String eventId) {
    switch (type) {
      case LONG, TIMESTAMP -> ir.update(((Number) value).longValue());
      case DOUBLE -> ir.update(((Number) value).doubleValue());
      case STRING -> ir.update((String) value);
      case BOOLEAN -> ir.update(((Boolean) value) ? 1L : 0L);
    }
  }

  @Override
  public void merge(HllIr into, HllIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(HllIr ir) {
    return Math.round(ir.estimate());
  }

  @Override
  public void writePayload(HllIr ir, IrOutput out) {
    out.writeBytes(ir.toCompactByteArray());
  }

  @Override
  public HllIr readPayload(IrInput in) {
    return new HllIr(HllSketch.heapify(Memory.wrap(in.readBytes())));
  }

  @Override
  public Class<HllIr> irClass() {
    return HllIr.class;
  }
}
