package io.tessera.definitions.json;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.feature.AggregationKind.Parameter;
import io.tessera.definitions.feature.FeatureSpec;
import io.tessera.definitions.window.WindowSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Reads the {@code features} array of a view. */
final class FeatureReader {

  private FeatureReader() {}

  static List<FeatureSpec> readFeatures(JsonNode node, String path, ReadContext context) {
    List<FeatureSpec> features = new ArrayList<>();
    if (!node.isArray()) {
      context.problem(path, "expected an array of features" + JsonObject.found(node));
      return features;
    }
    for (int i = 0; i < node.size(); i++) {
      String featurePath = JsonPaths.element(path, i);
      JsonObject.of(
              node.get(i),
              featurePath,
              context,
              "name",
              "function",
              "params",
              "input",
              "windows",
              "default")
          .ifPresentOrElse(
              feature -> features.add(readFeature(feature)),
              // keeps the indices of the other features equal to their JSON indices
              () -> features.add(unreadableFeature()));
    }
    return features;
  }

  private static FeatureSpec readFeature(JsonObject feature) {
    ReadContext context = feature.context();
    String name = feature.requiredString("name").orElse("unreadable");
    Optional<AggregationKind> function =
        feature
            .requiredString("function")
            .flatMap(text -> functionOf(text, feature.pathOf("function"), context));
    if (function.isEmpty()) {
      // Which inputs, parameters and defaults fit is unknown without the function.
      context.suppress(feature.pathOf("input"));
      context.suppress(feature.pathOf("params"));
      context.suppress(feature.pathOf("default"));
    }
    Map<Parameter, Number> params = new EnumMap<>(Parameter.class);
    feature.optional("params").ifPresent(node -> readParams(node, feature, params));
    Optional<String> input = feature.optionalString("input");
    List<WindowSpec> windows = new ArrayList<>();
    feature.required("windows").ifPresent(node -> readWindows(node, feature, windows));
    Optional<Object> defaultValue =
        feature
            .optional("default")
            .flatMap(node -> scalar(node, feature.pathOf("default"), context));
    feature.finish();
    return new FeatureSpec(
        name, function.orElse(AggregationKind.COUNT), params, input, windows, defaultValue);
  }

  private static void readParams(JsonNode node, JsonObject feature, Map<Parameter, Number> params) {
    String path = feature.pathOf("params");
    ReadContext context = feature.context();
    if (!node.isObject()) {
      context.problem(path, "expected an object such as {\"n\": 10}" + JsonObject.found(node));
      return;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String paramPath = JsonPaths.member(path, entry.getKey());
      Optional<Parameter> parameter =
          Arrays.stream(Parameter.values())
              .filter(p -> p.jsonName().equals(entry.getKey()))
              .findFirst();
      if (parameter.isEmpty()) {
        context.problem(
            paramPath,
            "unknown parameter '"
                + entry.getKey()
                + "'; functions take "
                + Arrays.stream(Parameter.values())
                    .map(Parameter::jsonName)
                    .collect(Collectors.joining(", ")));
      } else if (!entry.getValue().isNumber()) {
        context.problem(paramPath, "expected a number" + JsonObject.found(entry.getValue()));
      } else {
        params.put(parameter.get(), number(entry.getValue(), parameter.get() != Parameter.P));
      }
    }
  }

  private static void readWindows(JsonNode node, JsonObject feature, List<WindowSpec> windows) {
    String path = feature.pathOf("windows");
    ReadContext context = feature.context();
    if (!node.isArray()) {
      context.problem(path, "expected an array such as [\"1h\", \"7d\"]" + JsonObject.found(node));
      return;
    }
    for (int j = 0; j < node.size(); j++) {
      String windowPath = JsonPaths.element(path, j);
      Optional<String> text = feature.asString(node.get(j), windowPath);
      Optional<WindowSpec> window = Optional.empty();
      if (text.isPresent()) {
        try {
          window = Optional.of(WindowSpec.parse(text.get()));
        } catch (IllegalArgumentException e) {
          context.problem(windowPath, e.getMessage());
        }
      }
      // A lifetime stand-in keeps indices and raises no retention question; its path is quiet.
      windows.add(window.orElse(WindowSpec.lifetime()));
    }
  }

  private static Optional<AggregationKind> functionOf(
      String text, String path, ReadContext context) {
    Optional<AggregationKind> kind = AggregationKind.fromJsonName(text);
    if (kind.isEmpty()) {
      context.problem(
          path,
          "unknown function '"
              + text
              + "'; expected one of "
              + Arrays.stream(AggregationKind.values())
                  .map(AggregationKind::jsonName)
                  .collect(Collectors.joining(", ")));
    }
    return kind;
  }

  /** A default value: a string, boolean or number. */
  static Optional<Object> scalar(JsonNode node, String path, ReadContext context) {
    if (node.isString()) {
      return Optional.of(node.stringValue());
    }
    if (node.isBoolean()) {
      return Optional.of(node.booleanValue());
    }
    if (node.isNumber()) {
      return Optional.of(number(node, true));
    }
    context.problem(path, "expected a number, string or boolean" + JsonObject.found(node));
    return Optional.empty();
  }

  /**
   * A JSON number as a {@link Long} when it is a whole number that fits (so {@code 10} and {@code
   * 10.0}, which JSON does not tell apart, read the same), else as a {@link Double}.
   */
  static Number number(JsonNode node, boolean preferLong) {
    if (preferLong && node.canConvertToExactIntegral() && node.canConvertToLong()) {
      return node.longValue();
    }
    return node.doubleValue();
  }

  private static FeatureSpec unreadableFeature() {
    return new FeatureSpec(
        "unreadable",
        AggregationKind.COUNT,
        Map.of(),
        Optional.empty(),
        List.of(WindowSpec.lifetime()),
        Optional.empty());
  }
}
