package io.tessera.engine.view;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.function.FunctionParams;
import java.util.List;
import java.util.Objects;

/**
 * One aggregated feature of a view, as the engine needs it (the definitions module owns the full,
 * validated model; services translate it to this).
 *
 * @param name feature name, unique in the view
 * @param kind the aggregation function
 * @param params the function's parameters
 * @param column the input column, or null for a column-less count
 * @param inputType the column's type, or null with no column
 * @param windows the windows to serve, at least one
 * @param defaultValue replaces an empty window's null for functions that accept a default
 */
public record FeatureSpec(
    String name,
    AggregationKind kind,
    FunctionParams params,
    String column,
    ValueType inputType,
    List<WindowSpec> windows,
    Object defaultValue) {

  public FeatureSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    params = params == null ? FunctionParams.NONE : params;
    windows = List.copyOf(windows);
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("feature " + name + " needs at least one window");
    }
    if (defaultValue != null && !kind.acceptsDefault()) {
      throw new IllegalArgumentException(kind.jsonName() + " does not take a default");
    }
  }

  public static FeatureSpec of(
      String name,
      AggregationKind kind,
      FunctionParams params,
      String column,
      ValueType inputType,
      List<WindowSpec> windows) {
    return new FeatureSpec(name, kind, params, column, inputType, windows, null);
  }
}
