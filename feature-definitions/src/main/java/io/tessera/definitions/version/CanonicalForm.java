package io.tessera.definitions.version;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A view's JSON with defaults filled in and the order that means nothing removed: features sorted
 * by name (a view's features are a set; serving addresses them by name) and each feature's windows
 * from shortest to {@code lifetime}. Entity columns keep their order: it is the key's order.
 */
final class CanonicalForm {

  private CanonicalForm() {}

  static ObjectNode of(FeatureView view) {
    ObjectNode json = DefinitionJson.toTree(view);
    ArrayNode features = (ArrayNode) json.get("features");
    List<JsonNode> sorted = new ArrayList<>();
    features.forEach(sorted::add);
    sorted.sort(Comparator.comparing(feature -> feature.get("name").stringValue()));
    features.removeAll();
    for (JsonNode feature : sorted) {
      ArrayNode windows = (ArrayNode) feature.get("windows");
      List<WindowSpec> specs = new ArrayList<>();
      windows.forEach(window -> specs.add(WindowSpec.parse(window.stringValue())));
      specs.sort(Comparator.comparingLong(WindowSpec::sizeMs));
      windows.removeAll();
      specs.forEach(spec -> windows.add(spec.toString()));
      features.add(feature);
    }
    return json;
  }
}
