package io.tessera.aggregation.views;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.transform.TransformationCompiler;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.function.FunctionParams;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a registered {@link FeatureView} (the definition language) to the engine's {@link
 * ViewSpec}: features in declared order (the tile layout), input types from the view's payload and
 * derived columns, the tiling rule.
 */
public final class ViewSpecs {
  private ViewSpecs() {}

  public static ViewSpec from(FeatureView view) {
    Map<String, ValueType> columns = TransformationCompiler.compile(view).orThrow().columnTypes();
    List<FeatureSpec> features = new ArrayList<>();
    for (io.tessera.definitions.feature.FeatureSpec feature : view.features()) {
      String column = feature.input().orElse(null);
      features.add(
          new FeatureSpec(
              feature.name(),
              feature.function(),
              params(feature),
              column,
              column == null ? null : columns.get(column),
              feature.windows(),
              feature.defaultValue().orElse(null)));
    }
    return new ViewSpec(view.name(), features, view.resolutions());
  }

  private static FunctionParams params(io.tessera.definitions.feature.FeatureSpec feature) {
    Map<AggregationKind.Parameter, Number> params = feature.params();
    Number n = params.get(AggregationKind.Parameter.N);
    Number p = params.get(AggregationKind.Parameter.P);
    Number cap = params.get(AggregationKind.Parameter.CAP);
    return new FunctionParams(
        n == null ? null : n.intValue(),
        p == null ? null : p.doubleValue(),
        cap == null ? null : cap.intValue());
  }
}
