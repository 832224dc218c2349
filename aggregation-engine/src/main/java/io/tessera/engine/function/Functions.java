package io.tessera.engine.function;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import java.util.Objects;

/** The one place that maps a definition's function name and parameters to its implementation. */
public final class Functions {
  private Functions() {}

  /**
   * The implementation of {@code kind} over a column of {@code inputType} (null: no column, only
   * for count).
   *
   * @throws IllegalArgumentException if the type or a parameter does not fit the function
   */
  public static AggregationFunction<?> of(
      AggregationKind kind, ValueType inputType, FunctionParams params) {
    Objects.requireNonNull(kind, "kind");
    if (inputType == null
        ? kind.inputRule().requiresColumn()
        : !kind.inputRule().accepts(inputType)) {
      throw new IllegalArgumentException(
          kind.jsonName() + " needs " + kind.inputRule().description() + ", got " + inputType);
    }
    return switch (kind) {
      case COUNT -> new Count();
      case SUM -> inputType == ValueType.LONG ? new LongSum() : Summation.doubleSum();
      case MEAN -> Summation.mean();
      case MIN -> Extremum.min(inputType);
      case MAX -> Extremum.max(inputType);
      case FIRST -> Edge.first(inputType);
      case LAST -> Edge.last(inputType);
      case FIRST_N -> EdgeN.firstN(inputType, required(kind, "n", params.n()));
      case LAST_N -> EdgeN.lastN(inputType, required(kind, "n", params.n()));
      case LAST_DISTINCT_N -> new LastDistinctN(inputType, required(kind, "n", params.n()));
      case COUNT_DISTINCT -> new CountDistinct(inputType, required(kind, "cap", params.cap()));
      case APPROX_COUNT_DISTINCT -> new ApproxCountDistinct(inputType);
      case VAR_SAMP -> Dispersion.varSamp();
      case VAR_POP -> Dispersion.varPop();
      case STDDEV_SAMP -> Dispersion.stddevSamp();
      case STDDEV_POP -> Dispersion.stddevPop();
      case APPROX_PERCENTILE -> new ApproxPercentile(required(kind, "p", params.p()));
    };
  }

  private static <T> T required(AggregationKind kind, String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(kind.jsonName() + " needs parameter " + name);
    }
    return value;
  }

  /** State-bounding parameters ({@code n}, {@code cap}) are 1 to MAX_BOUNDED_STATE. */
  static void checkBounded(String name, int value) {
    if (value < 1 || value > AggregationKind.MAX_BOUNDED_STATE) {
      throw new IllegalArgumentException(
          name + " must be between 1 and " + AggregationKind.MAX_BOUNDED_STATE + ", was " + value);
    }
  }
}
