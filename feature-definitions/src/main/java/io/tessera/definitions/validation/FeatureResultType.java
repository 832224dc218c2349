package io.tessera.definitions.validation;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import java.util.Optional;

/**
 * The type a function's result has, for the functions that accept a default: a default must have
 * that type, since serving returns it in the result's place.
 */
final class FeatureResultType {

  private FeatureResultType() {}

  /** The result type of {@code kind} over a column of {@code input}; empty for list results. */
  static Optional<ValueType> of(AggregationKind kind, ValueType input) {
    return switch (kind) {
      case SUM -> Optional.of(input == ValueType.LONG ? ValueType.LONG : ValueType.DOUBLE);
      case MEAN, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP, APPROX_PERCENTILE ->
          Optional.of(ValueType.DOUBLE);
      case MIN, MAX, FIRST, LAST -> Optional.of(input);
      case COUNT, COUNT_DISTINCT, APPROX_COUNT_DISTINCT -> Optional.of(ValueType.LONG);
      case FIRST_N, LAST_N, LAST_DISTINCT_N -> Optional.empty();
    };
  }

  /** Whether {@code value} can stand for a result of {@code type}. */
  static boolean fits(ValueType type, Object value) {
    return switch (type) {
      case LONG, TIMESTAMP -> value instanceof Long;
      case DOUBLE -> value instanceof Long || value instanceof Double;
      case STRING -> value instanceof String;
      case BOOLEAN -> value instanceof Boolean;
    };
  }

  /** How to write a value of {@code type}, for messages. */
  static String expected(ValueType type) {
    return switch (type) {
      case LONG -> "a whole number";
      case TIMESTAMP -> "a whole number of epoch milliseconds";
      case DOUBLE -> "a number";
      case STRING -> "a string";
      case BOOLEAN -> "true or false";
    };
  }
}
