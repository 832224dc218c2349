package io.tessera.engine.view;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.transform.TransformationCompiler;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.function.FunctionParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one translation of a registered {@link FeatureView} into the engine's {@link ViewSpec}: the
 * features in declared order (the tile order), each bound to its input column's type (a payload
 * column, or a derived column typed by compiling the view's transformation), its parameters and its
 * default. Aggregation, serving, backfill and training all call this, so they tile and read a
 * version the same way.
 */
public final class ViewSpecs {
  private ViewSpecs() {}

  /**
   * @param storageName the name the engine's {@code EntityRef}s and tiles carry for this view
   * @throws IllegalArgumentException if the view's transformation does not compile (a registered
   *     view always compiles)
   */
  public static ViewSpec of(FeatureView view, String storageName) {
    Map<String, ValueType> columns = TransformationCompiler.compile(view).orThrow().columnTypes();
    List<FeatureSpec> features = new ArrayList<>();
    for (io.tessera.definitions.feature.FeatureSpec feature : view.features()) {
      String column = feature.input().orElse(null);
      ValueType type = column == null ? null : columns.get(column);
      if (column != null && type == null) {
        throw new IllegalArgumentException(
            "feature '" + feature.name() + "' reads unknown column '" + column + "'");
      }
      features.add(
          new FeatureSpec(
              feature.name(),
              feature.function(),
              params(feature),
              column,
              type,
              feature.windows(),
              defaultOf(feature, type)));
    }
    return new ViewSpec(storageName, features, view.resolutions());
  }

  /**
   * The feature's default as a value of the function's result: the definition language writes
   * numbers canonically ({@code 0.0} reads back as the whole number 0), but a double result's
   * default must be a double.
   */
  private static Object defaultOf(
      io.tessera.definitions.feature.FeatureSpec feature, ValueType input) {
    Object value = feature.defaultValue().orElse(null);
    if (value instanceof Long whole && hasDoubleResult(feature.function(), input)) {
      return whole.doubleValue();
    }
    return value;
  }

  private static boolean hasDoubleResult(AggregationKind kind, ValueType input) {
    return switch (kind) {
      case MEAN, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP, APPROX_PERCENTILE -> true;
      case SUM, MIN, MAX, FIRST, LAST -> input == ValueType.DOUBLE;
      default -> false;
    };
  }

  private static FunctionParams params(io.tessera.definitions.feature.FeatureSpec feature) {
    Integer n = null;
    Double p = null;
    Integer cap = null;
    for (AggregationKind.Parameter parameter : feature.params().keySet()) {
      switch (parameter) {
        case N -> n = feature.intParam(parameter);
        case P -> p = feature.doubleParam(parameter);
        case CAP -> cap = feature.intParam(parameter);
      }
    }
    return n == null && p == null && cap == null
        ? FunctionParams.NONE
        : new FunctionParams(n, p, cap);
  }
}
