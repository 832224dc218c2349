package io.tessera.definitions.json;

import io.tessera.definitions.service.FeatureReference;
import io.tessera.definitions.service.FeatureService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes feature services. */
final class ServiceJson {

  private ServiceJson() {}

  static Parsed<FeatureService> read(JsonNode root) {
    ReadContext context = new ReadContext();
    Optional<JsonObject> object =
        JsonObject.of(
            root, JsonPaths.ROOT, context, "name", "features", "description", "owner", "tags");
    if (object.isEmpty()) {
      return new Parsed<>(Optional.empty(), context.problems(), context.suppressed());
    }
    JsonObject service = object.get();
    String name = service.requiredString("name").orElse("unreadable");
    List<FeatureReference> features = new ArrayList<>();
    service
        .required("features")
        .ifPresent(
            node -> {
              String path = service.pathOf("features");
              if (!node.isArray()) {
                context.problem(
                    path,
                    "expected an array such as [\"user_txn:spend\"]" + JsonObject.found(node));
                return;
              }
              for (int i = 0; i < node.size(); i++) {
                String elementPath = JsonPaths.element(path, i);
                service
                    .asString(node.get(i), elementPath)
                    .flatMap(text -> reference(text, elementPath, context))
                    .ifPresent(features::add);
              }
            });
    String description = service.optionalString("description").orElse("");
    String owner = service.optionalString("owner").orElse("");
    Map<String, String> tags = service.optionalStringMap("tags").orElse(Map.of());
    service.finish();
    if (!context.problems().isEmpty()) {
      // Dropped references would shift the indices of later ones: report structure only.
      context.suppress(JsonPaths.ROOT);
    }
    return new Parsed<>(
        Optional.of(new FeatureService(name, features, description, owner, tags)),
        context.problems(),
        context.suppressed());
  }

  static ObjectNode write(FeatureService service) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", service.name());
    ArrayNode features = json.putArray("features");
    service.features().forEach(reference -> features.add(reference.toString()));
    json.put("description", service.description());
    json.put("owner", service.owner());
    json.set("tags", ViewWriter.tags(service.tags()));
    return json;
  }

  private static Optional<FeatureReference> reference(
      String text, String path, ReadContext context) {
    try {
      return Optional.of(FeatureReference.parse(text));
    } catch (IllegalArgumentException e) {
      context.problem(path, e.getMessage());
      return Optional.empty();
    }
  }
}
