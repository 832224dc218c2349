package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.engine.encoding.IrInput;
import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.ir.Ir;

/**
 * One aggregation function over an intermediate representation (IR) {@code S}.
 *
 * <p>{@code merge(a, b)} followed by {@code finish} equals adding the events of both to one IR
 * (exactly, or within 1e-9 relative for floating-point sums and variances, or within the sketch's
 * bound for the sketch functions). Callers skip null column values before {@code add}, and keep
 * each IR's newest event time ({@link Ir#noteEventTime}); see {@link FeatureAggregator}.
 *
 * @param <S> the IR type
 */
public sealed interface AggregationFunction<S extends Ir>
    permits Count,
        LongSum,
        Summation,
        Extremum,
        Edge,
        EdgeN,
        LastDistinctN,
        CountDistinct,
        ApproxCountDistinct,
        Dispersion,
        ApproxPercentile {

  AggregationKind kind();

  /** The IR of no events. */
  S init();

  /** Adds one non-null value of the event at ({@code eventTimeMs}, {@code eventId}). */
  void add(S ir, Object value, long eventTimeMs, String eventId);

  /** Folds {@code from} into {@code into}; {@code from} is left unchanged. */
  void merge(S into, S from);

  /** The feature value; the function's empty value (0, null, empty list) for an empty IR. */
  Object finish(S ir);

  /** Writes the IR's state, without the version byte and newest time (see IrCodec). */
  void writePayload(S ir, IrOutput out);

  S readPayload(IrInput in);

  Class<S> irClass();
}
