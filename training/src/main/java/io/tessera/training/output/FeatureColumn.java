package io.tessera.training.output;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.streamcore.read.ResolvedFeature;
import io.tessera.streamcore.read.ViewPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * One output column: a feature at one window, named as online serving names the value ({@code
 * view:feature:window}, the reference as requested, pinned version included), with the SQL type its
 * values are written as.
 *
 * @param name {@code view:feature:window}
 * @param view the view version that answers it
 * @param feature the feature's name in that version
 * @param window the window
 * @param sqlType the DuckDB type: Parquet keeps it, CSV writes it as text
 */
public record FeatureColumn(
    String name, ViewPlan view, String feature, WindowSpec window, String sqlType) {

  /** The columns of resolved features, in serving's order: features in order, windows in order. */
  public static List<FeatureColumn> of(List<ResolvedFeature> features) {
    List<FeatureColumn> columns = new ArrayList<>();
    for (ResolvedFeature resolved : features) {
      FeatureSpec spec =
          resolved.plan().spec().features().stream()
              .filter(f -> f.name().equals(resolved.feature().name()))
              .findFirst()
              .orElseThrow();
      String type = sqlType(spec.kind(), spec.inputType());
      for (WindowSpec window : resolved.feature().windows()) {
        columns.add(
            new FeatureColumn(
                resolved.reference() + ":" + window, resolved.plan(), spec.name(), window, type));
      }
    }
    return columns;
  }

  /** The type of a function's result over an input column of {@code input}. */
  private static String sqlType(AggregationKind kind, ValueType input) {
    return switch (kind) {
      case COUNT, COUNT_DISTINCT, APPROX_COUNT_DISTINCT -> "BIGINT";
      case MEAN, VAR_SAMP, VAR_POP, STDDEV_SAMP, STDDEV_POP, APPROX_PERCENTILE -> "DOUBLE";
      case SUM -> input == ValueType.LONG ? "BIGINT" : "DOUBLE";
      case MIN, MAX, FIRST, LAST -> scalar(input);
      case FIRST_N, LAST_N, LAST_DISTINCT_N -> scalar(input) + "[]";
    };
  }

  private static String scalar(ValueType type) {
    if (type == null) {
      return "VARCHAR";
    }
    return switch (type) {
      case LONG, TIMESTAMP -> "BIGINT"; // timestamps are epoch milliseconds, as served
      case DOUBLE -> "DOUBLE";
      case STRING -> "VARCHAR";
      case BOOLEAN -> "BOOLEAN";
    };
  }
}
