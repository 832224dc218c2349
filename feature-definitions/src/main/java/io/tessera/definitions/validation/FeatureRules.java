package io.tessera.definitions.validation;

import static io.tessera.definitions.validation.ViewColumns.typeName;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.AggregationKind.Parameter;
import io.tessera.definitions.feature.FeatureSpec;
import io.tessera.definitions.feature.ValueType;
import io.tessera.definitions.window.DurationText;
import io.tessera.definitions.window.WindowSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks one feature: its name, input column and type, parameters, windows (against retention) and
 * default.
 */
final class FeatureRules {

  private final ViewColumns columns;
  private final long retentionMs;
  private final long coarsestTileMs;
  private final List<Problem> problems;

  FeatureRules(ViewColumns columns, long retentionMs, long coarsestTileMs, List<Problem> problems) {
    this.columns = columns;
    this.retentionMs = retentionMs;
    this.coarsestTileMs = coarsestTileMs;
    this.problems = problems;
  }

  void check(FeatureSpec feature, String path) {
    if (!Names.isValid(feature.name())) {
      problems.add(new Problem(path + ".name", Names.invalid("feature", feature.name())));
    }
    Optional<ValueType> inputType = checkInput(feature, path);
    checkParams(feature, path);
    checkWindows(feature, path);
    checkDefault(feature, inputType, path);
  }

  private Optional<ValueType> checkInput(FeatureSpec feature, String path) {
    AggregationKind function = feature.function();
    AggregationKind.InputRule rule = function.inputRule();
    if (feature.input().isEmpty()) {
      if (rule.requiresColumn()) {
        problems.add(
            new Problem(
                path + ".input",
                function.jsonName() + " needs an input column: " + rule.description()));
      }
      return Optional.empty();
    }
    String input = feature.input().get();
    if (!columns.isKnown(input)) {
      problems.add(new Problem(path + ".input", columns.unknown(input)));
      return Optional.empty();
    }
    Optional<ValueType> type = columns.typeOf(input);
    if (type.isPresent() && !rule.accepts(type.get())) {
      problems.add(
          new Problem(
              path + ".input",
              function.jsonName()
                  + " needs "
                  + rule.description()
                  + ", but '"
                  + input
                  + "' is a "
                  + typeName(type.get())
                  + " column"));
    }
    return type;
  }

  private void checkParams(FeatureSpec feature, String path) {
    AggregationKind function = feature.function();
    for (Map.Entry<Parameter, Number> param : feature.sortedParams().entrySet()) {
      String paramPath = path + ".params." + param.getKey().jsonName();
      if (!function.parameters().contains(param.getKey())) {
        problems.add(
            new Problem(
                paramPath,
                function.jsonName()
                    + " takes "
                    + (function.parameters().isEmpty()
                        ? "no parameters"
                        : "only " + paramNames(function))
                    + ", not '"
                    + param.getKey().jsonName()
                    + "'"));
        continue;
      }
      checkRange(param.getKey(), param.getValue(), paramPath);
    }
    for (Parameter required : function.parameters()) {
      if (!feature.params().containsKey(required)) {
        problems.add(
            new Problem(
                path + ".params",
                function.jsonName()
                    + " needs parameter "
                    + required.jsonName()
                    + " ("
                    + meaning(required)
                    + ")"));
      }
    }
  }

  private void checkRange(Parameter parameter, Number value, String path) {
    if (parameter == Parameter.P) {
      double p = value.doubleValue();
      if (!(p >= 0.0 && p <= 1.0)) {
        problems.add(new Problem(path, "p is " + value + ", but a percentile is between 0 and 1"));
      }
      return;
    }
    if (!(value instanceof Long)) {
      problems.add(new Problem(path, parameter.jsonName() + " must be a whole number"));
      return;
    }
    long n = value.longValue();
    if (n < 1 || n > AggregationKind.MAX_BOUNDED_STATE) {
      problems.add(
          new Problem(
              path,
              parameter.jsonName()
                  + " is "
                  + n
                  + ", but it must be between 1 and "
                  + AggregationKind.MAX_BOUNDED_STATE
                  + ": every tile keeps up to that many values"));
    }
  }

  private void checkWindows(FeatureSpec feature, String path) {
    if (feature.windows().isEmpty()) {
      problems.add(
          new Problem(path + ".windows", "give at least one window, such as \"1h\" or \"7d\""));
      return;
    }
    Map<WindowSpec, Integer> seen = new HashMap<>();
    for (int j = 0; j < feature.windows().size(); j++) {
      WindowSpec window = feature.windows().get(j);
      String windowPath = path + ".windows[" + j + "]";
      Integer first = seen.putIfAbsent(window, j);
      if (first != null) {
        problems.add(
            new Problem(
                windowPath,
                "window " + window + " is listed twice (also at windows[" + first + "])"));
        continue;
      }
      if (!window.isLifetime() && window.sizeMs() > retentionMs - coarsestTileMs) {
        problems.add(
            new Problem(
                windowPath,
                "window "
                    + window
                    + " is longer than the retention allows: it needs a retention of at least "
                    + DurationText.format(window.sizeMs() + coarsestTileMs)
                    + " (the window plus the coarsest tile, "
                    + DurationText.format(coarsestTileMs)
                    + "), but retention is "
                    + DurationText.format(retentionMs)));
      }
    }
  }

  private void checkDefault(FeatureSpec feature, Optional<ValueType> inputType, String path) {
    if (feature.defaultValue().isEmpty()) {
      return;
    }
    AggregationKind function = feature.function();
    if (!function.acceptsDefault()) {
      problems.add(
          new Problem(
              path + ".default",
              function.jsonName()
                  + " takes no default: its value for an empty window (0 or an empty list) is"
                  + " already meaningful"));
      return;
    }
    Object value = feature.defaultValue().get();
    inputType
        .flatMap(type -> FeatureResultType.of(function, type))
        .filter(resultType -> !FeatureResultType.fits(resultType, value))
        .ifPresent(
            resultType ->
                problems.add(
                    new Problem(
                        path + ".default",
                        "the default "
                            + value
                            + " does not fit "
                            + function.jsonName()
                            + " over a "
                            + typeName(inputType.get())
                            + " column: give "
                            + FeatureResultType.expected(resultType))));
  }

  private static String paramNames(AggregationKind function) {
    return function.parameters().stream()
        .map(Parameter::jsonName)
        .sorted()
        .collect(Collectors.joining(", "));
  }

  private static String meaning(Parameter parameter) {
    return switch (parameter) {
      case N -> "how many values to keep, 1 to " + AggregationKind.MAX_BOUNDED_STATE;
      case P -> "the percentile, between 0 and 1";
      case CAP ->
          "the most distinct values to keep exactly, 1 to "
              + AggregationKind.MAX_BOUNDED_STATE
              + "; use approx_count_distinct for more";
    };
  }
}
