package io.tessera.definitions.json;

import io.tessera.definitions.service.FeatureService;
import io.tessera.definitions.validation.Problem;
import io.tessera.definitions.view.FeatureView;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes definitions as JSON. Reading reports structural problems only; {@code
 * Definitions} adds the semantic checks. Writing fills in every default, so reading what was
 * written gives an equal definition.
 */
public final class DefinitionJson {

  // A key written twice would make the definition mean whichever one a parser happens to keep.
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private DefinitionJson() {}

  /** Reads a feature view, collecting every structural problem. */
  public static Parsed<FeatureView> readView(String json) {
    return read(json, ViewReader::read);
  }

  /** Reads a feature service, collecting every structural problem. */
  public static Parsed<FeatureService> readService(String json) {
    return read(json, ServiceJson::read);
  }

  /** The view as a JSON tree, defaults filled in. */
  public static ObjectNode toTree(FeatureView view) {
    return ViewWriter.write(view);
  }

  public static ObjectNode toTree(FeatureService service) {
    return ServiceJson.write(service);
  }

  /** The view as indented JSON, for people and for the registry's responses. */
  public static String write(FeatureView view) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(view));
  }

  public static String write(FeatureService service) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(service));
  }

  /** Parses JSON text into a tree, for callers that hash or diff raw definitions. */
  public static JsonNode parseTree(String json) {
    return MAPPER.readTree(json);
  }

  private static <T> Parsed<T> read(String json, Function<JsonNode, Parsed<T>> reader) {
    Optional<JsonNode> tree = parse(json);
    if (tree.isEmpty()) {
      return unreadable(json);
    }
    List<Problem> notUnicode = UnicodeText.problems(tree.get());
    if (!notUnicode.isEmpty()) {
      return new Parsed<>(Optional.empty(), notUnicode, Set.of(JsonPaths.ROOT));
    }
    return reader.apply(tree.get());
  }

  private static Optional<JsonNode> parse(String json) {
    try {
      return Optional.ofNullable(MAPPER.readTree(json));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  private static <T> Parsed<T> unreadable(String json) {
    String reason;
    try {
      MAPPER.readTree(json);
      reason = "the definition is empty";
    } catch (JacksonException e) {
      reason = "not valid JSON: " + e.getOriginalMessage();
    }
    return new Parsed<>(
        Optional.empty(), List.of(new Problem(JsonPaths.ROOT, reason)), Set.of(JsonPaths.ROOT));
  }
}
