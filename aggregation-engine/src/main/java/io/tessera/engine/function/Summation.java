package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.encoding.IrPayloads;
import io.tessera.engine.ir.DoubleSumIr;

/**
 * {@code sum} of a double column, compensated, and {@code mean} of a numeric column, as a Double
 * from a compensated sum. Empty: null. Both keep a count and a compensated sum, and encode them the
 * same way (count, then the sum); only {@link #finish} differs. (A long column's {@code sum} is
 * {@link LongSum}, exact.)
 *
 * @param kind {@link AggregationKind#SUM} or {@link AggregationKind#MEAN}
 */
public record Summation(AggregationKind kind) implements AggregationFunction<DoubleSumIr> {
  public Summation {
    if (kind != AggregationKind.SUM && kind != AggregationKind.MEAN) {
      throw new IllegalArgumentException("Summation is sum or mean, not " + kind);
    }
  }

  /** {@code sum} of a double column. */
  public static Summation doubleSum() {
    return new Summation(AggregationKind.SUM);
  }

  public static Summation mean() {
    return new Summation(AggregationKind.MEAN);
  }

  @Override
  public DoubleSumIr init() {
    return new DoubleSumIr();
  }

  @Override
  public void add(DoubleSumIr ir, Object value, long eventTimeMs, String eventId) {
    ir.add(((Number) value).doubleValue());
  }

  @Override
  public void merge(DoubleSumIr into, DoubleSumIr from) {
    into.merge(from);
  }

  @Override
  public Object finish(DoubleSumIr ir) {
    if (ir.count() == 0) {
      return null;
    }
    return kind == AggregationKind.MEAN ? ir.sum().value() / ir.count() : ir.sum().value();
  }

  @Override
  public void writePayload(DoubleSumIr ir, IrOutput out) {
    out.writeLong(ir.count());
    IrPayloads.writeSum(out, ir.sum());
  }

  @Override
  public DoubleSumIr readPayload(IrInput in) {
    DoubleSumIr ir = new DoubleSumIr();
    long count = in.readLong();
    ir.restore(IrPayloads.readSum(in), count);
    return ir;
  }

  @Override
  public Class<DoubleSumIr> irClass() {
    return DoubleSumIr.class;
  }
}
