package io.tessera.engine.testing;

import static io.tessera.definitions.feature.AggregationKind.*;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.function.FunctionParams;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A view with every function over long, double and string columns, and every window kind. */
public final class TestView {
  public static final long MINUTE_MS = 60_000L;
  public static final long HOUR_MS = 3_600_000L;
  public static final long DAY_MS = 86_400_000L;

  /** Shorter than a minute, minute-unaligned, one hour, over a day, multi-day, lifetime. */
  public static final List<WindowSpec> WINDOWS =
      List.of(
          WindowSpec.ofSize(Duration.ofSeconds(45)),
          WindowSpec.ofSize(Duration.ofSeconds(90)),
          WindowSpec.ofSize(Duration.ofHours(1)),
          WindowSpec.ofSize(Duration.ofHours(25)),
          WindowSpec.ofSize(Duration.ofDays(3)),
          WindowSpec.lifetime());

  public static final String LONG_COLUMN = "amount";
  public static final String DOUBLE_COLUMN = "price";
  public static final String STRING_COLUMN = "category";

  private TestView() {}

  public static ViewSpec allFunctions(TileResolutions resolutions) {
    List<FeatureSpec> features = new ArrayList<>();
    features.add(feature("count", COUNT, FunctionParams.NONE, null, null));
    features.add(
        feature("count_price", COUNT, FunctionParams.NONE, DOUBLE_COLUMN, ValueType.DOUBLE));
    features.add(feature("sum_amount", SUM, FunctionParams.NONE, LONG_COLUMN, ValueType.LONG));
    features.add(feature("sum_price", SUM, FunctionParams.NONE, DOUBLE_COLUMN, ValueType.DOUBLE));
    features.add(feature("mean_price", MEAN, FunctionParams.NONE, DOUBLE_COLUMN, ValueType.DOUBLE));
    features.add(feature("min_amount", MIN, FunctionParams.NONE, LONG_COLUMN, ValueType.LONG));
    features.add(feature("max_price", MAX, FunctionParams.NONE, DOUBLE_COLUMN, ValueType.DOUBLE));
    features.add(
        feature("first_category", FIRST, FunctionParams.NONE, STRING_COLUMN, ValueType.STRING));
    features.add(feature("last_amount", LAST, FunctionParams.NONE, LONG_COLUMN, ValueType.LONG));
    features.add(
        feature("first_3", FIRST_N, FunctionParams.ofN(3), STRING_COLUMN, ValueType.STRING));
    features.add(feature("last_4", LAST_N, FunctionParams.ofN(4), LONG_COLUMN, ValueType.LONG));
    features.add(
        feature(
            "last_distinct_3",
            LAST_DISTINCT_N,
            FunctionParams.ofN(3),
            STRING_COLUMN,
            ValueType.STRING));
    features.add(
        feature(
            "distinct_amount",
            COUNT_DISTINCT,
            FunctionParams.ofCap(20),
            LONG_COLUMN,
            ValueType.LONG));
    features.add(
        feature(
            "approx_distinct",
            APPROX_COUNT_DISTINCT,
            FunctionParams.NONE,
            STRING_COLUMN,
            ValueType.STRING));
    features.add(
        feature("var_samp", VAR_SAMP, FunctionParams.NONE, DOUBLE_COLUMN, ValueType.DOUBLE));
    features.add(feature("var_pop", VAR_POP, FunctionParams.NONE, LONG_COLUMN, ValueType.LONG));
    features.add(
        feature("stddev_samp", STDDEV_SAMP, FunctionParams.NONE, LONG_COLUMN, ValueType.LONG));
    features.add(
        feature("stddev_pop", STDDEV_POP, FunctionParams.NONE, DOUBLE_COLUMN, ValueType.DOUBLE));
    features.add(
        feature(
            "p90", APPROX_PERCENTILE, FunctionParams.ofP(0.9), DOUBLE_COLUMN, ValueType.DOUBLE));
    return new ViewSpec("test_view", features, resolutions);
  }

  private static FeatureSpec feature(
      String name, AggregationKind kind, FunctionParams params, String column, ValueType type) {
    return FeatureSpec.of(name, kind, params, column, type, WINDOWS);
  }
}
