package io.tessera.engine.function;

import io.tessera.engine.encoding.IrEnvelope;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;

/**
 * A function bound to its input column: the untyped face of {@link AggregationFunction} that views
 * and tiles use. It reads the column from events, skips nulls (count without a column counts every
 * event), keeps the IR's newest event time, and frames encodings with {@link IrEnvelope}.
 *
 * @param <S> the function's IR type
 */
public final class FeatureAggregator<S extends Ir> {
  private final AggregationFunction<S> function;
  private final String column;

  private FeatureAggregator(AggregationFunction<S> function, String column) {
    this.function = function;
    this.column = column;
  }

  /** Binds {@code function} to {@code column} (null only for a column-less count). */
  public static <S extends Ir> FeatureAggregator<S> of(
      AggregationFunction<S> function, String column) {
    return new FeatureAggregator<>(function, column);
  }

  public AggregationFunction<S> function() {
    return function;
  }

  public Ir init() {
    return function.init();
  }

  public void add(Ir ir, Event event) {
    Object value = column == null ? Boolean.TRUE : event.value(column);
    if (value == null) {
      return;
    }
    S state = function.irClass().cast(ir);
    function.add(state, value, event.eventTimeMs(), event.eventId());
    state.noteEventTime(event.eventTimeMs());
  }

  public void merge(Ir into, Ir from) {
    function.merge(function.irClass().cast(into), function.irClass().cast(from));
    into.noteEventTime(from.newestEventTimeMs());
  }

  public Object finish(Ir ir) {
    return function.finish(function.irClass().cast(ir));
  }

  public byte[] encode(Ir ir) {
    return IrEnvelope.encode(function.irClass().cast(ir), function::writePayload);
  }

  public Ir decode(byte[] bytes) {
    return IrEnvelope.decode(bytes, function::readPayload);
  }
}
