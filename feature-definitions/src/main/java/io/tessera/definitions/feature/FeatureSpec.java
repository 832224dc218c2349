package io.tessera.definitions.feature;

import io.tessera.definitions.window.WindowSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One aggregation feature of a view: a function over an input column, computed for each of its
 * windows. "sum of {@code amount} over 1h and 7d" is one spec with two windows.
 *
 * <p>The constructor checks only what every instance needs (no nulls, immutable copies); whether
 * the parameters and the input suit the function is a validation problem, reported with every other
 * one by {@code FeatureViewValidator}.
 *
 * @param name the feature's name, unique within its view
 * @param function the aggregation function
 * @param params the function's parameters: {@code n} and {@code cap} as {@link Long}, {@code p} as
 *     {@link Double}
 * @param input the input column; empty only for {@code count}, which then counts events
 * @param windows the windows, in declared order
 * @param defaultValue what serving returns for an empty window instead of the function's empty
 *     value ({@link Long}, {@link Double}, {@link String} or {@link Boolean}; timestamps as epoch
 *     milliseconds)
 */
public record FeatureSpec(
    String name,
    AggregationKind function,
    Map<AggregationKind.Parameter, Number> params,
    Optional<String> input,
    List<WindowSpec> windows,
    Optional<Object> defaultValue) {

  public FeatureSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    params = Map.copyOf(params);
    Objects.requireNonNull(input, "input");
    windows = List.copyOf(windows);
    Objects.requireNonNull(defaultValue, "defaultValue");
    defaultValue.ifPresent(FeatureSpec::requireScalar);
  }

  /** A feature without parameters or default: the common case. */
  public static FeatureSpec of(
      String name, AggregationKind function, String input, List<WindowSpec> windows) {
    return new FeatureSpec(
        name, function, Map.of(), Optional.ofNullable(input), windows, Optional.empty());
  }

  /** The integer parameter {@code n} or {@code cap}. */
  public int intParam(AggregationKind.Parameter parameter) {
    return Math.toIntExact(requiredParam(parameter).longValue());
  }

  /** The fractional parameter {@code p}. */
  public double doubleParam(AggregationKind.Parameter parameter) {
    return requiredParam(parameter).doubleValue();
  }

  /** The parameters in a stable order, for writers. */
  public Map<AggregationKind.Parameter, Number> sortedParams() {
    return params.isEmpty() ? Map.of() : new EnumMap<>(params);
  }

  private Number requiredParam(AggregationKind.Parameter parameter) {
    Number value = params.get(parameter);
    if (value == null) {
      throw new IllegalStateException(
          "feature '" + name + "' has no parameter '" + parameter.jsonName() + "'");
    }
    return value;
  }

  private static void requireScalar(Object value) {
    if (!(value instanceof Long
        || value instanceof Double
        || value instanceof String
        || value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "a default is a Long, Double, String or Boolean, not " + value.getClass().getName());
    }
  }
}
