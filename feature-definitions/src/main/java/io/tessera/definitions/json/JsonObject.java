package io.tessera.definitions.json;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One JSON object of a definition, read field by field. Each accessor records a problem (with the
 * field's path) when the field is missing or has the wrong JSON type, and returns empty; {@link
 * #finish()} reports the fields nobody asked for, which are usually typos.
 */
final class JsonObject {

  private final JsonNode node;
  private final String path;
  private final ReadContext context;
  private final Set<String> allowed;

  private JsonObject(JsonNode node, String path, ReadContext context, String... allowed) {
    this.node = node;
    this.path = path;
    this.context = context;
    this.allowed = new HashSet<>(Arrays.asList(allowed));
  }

  /** The object at {@code path}, or empty (with a problem) if {@code node} is not an object. */
  static Optional<JsonObject> of(
      JsonNode node, String path, ReadContext context, String... allowedFields) {
    if (node == null || !node.isObject()) {
      context.problem(path, "expected a JSON object" + found(node));
      return Optional.empty();
    }
    return Optional.of(new JsonObject(node, path, context, allowedFields));
  }

  String path() {
    return path;
  }

  String pathOf(String field) {
    return JsonPaths.member(path, field);
  }

  ReadContext context() {
    return context;
  }

  /** The field's value if present and not null. */
  Optional<JsonNode> optional(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  Optional<JsonNode> required(String field) {
    Optional<JsonNode> value = optional(field);
    if (value.isEmpty()) {
      context.problem(pathOf(field), "'" + field + "' is required");
    }
    return value;
  }

  Optional<String> requiredString(String field) {
    return required(field).flatMap(value -> asString(value, pathOf(field)));
  }

  Optional<String> optionalString(String field) {
    return optional(field).flatMap(value -> asString(value, pathOf(field)));
  }

  Optional<String> asString(JsonNode value, String valuePath) {
    if (!value.isString()) {
      context.problem(valuePath, "expected a string" + found(value));
      return Optional.empty();
    }
    return Optional.of(value.stringValue());
  }

  /** A JSON object of strings, such as tags or derived columns, in its written order. */
  Optional<Map<String, String>> optionalStringMap(String field) {
    Optional<JsonNode> value = optional(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!value.get().isObject()) {
      context.problem(pathOf(field), "expected a JSON object" + found(value.get()));
      return Optional.empty();
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.get().properties()) {
      String entryPath = JsonPaths.member(pathOf(field), entry.getKey());
      asString(entry.getValue(), entryPath).ifPresent(text -> result.put(entry.getKey(), text));
    }
    return Optional.of(result);
  }

  /** Reports every field that is not one of the allowed ones. */
  void finish() {
    for (String field : node.propertyNames()) {
      if (!allowed.contains(field)) {
        context.problem(
            pathOf(field),
            "unknown field '" + field + "'; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  static String found(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "";
    }
    return switch (value.getNodeType()) {
      case OBJECT -> ", found an object";
      case ARRAY -> ", found an array";
      case STRING -> ", found a string";
      case NUMBER -> ", found a number";
      case BOOLEAN -> ", found a boolean";
      case NULL -> ", found null";
      default -> "";
    };
  }
}
