package io.tessera.registry.definition;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.definitions.validation.Problem;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A submitted body, reconciled with the name in the URL: a body without a name takes the URL's; a
 * body naming something else is a problem at {@code $.name}.
 *
 * @param json the body to validate, with the name filled in
 * @param problems problems found here, before validation
 */
record Submission(String json, List<Problem> problems) {

  /**
   * @param pathName the name in the URL; null when there is none ({@code :validate})
   * @throws MalformedDefinitionException if {@code body} is not JSON
   */
  static Submission of(String pathName, String body) {
    JsonNode tree;
    try {
      tree = DefinitionJson.parseTree(body);
    } catch (JacksonException e) {
      throw new MalformedDefinitionException(
          "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedDefinitionException("the body is empty; send a JSON object");
    }
    if (pathName == null || !(tree instanceof ObjectNode object)) {
      return new Submission(body, List.of());
    }
    JsonNode name = object.get("name");
    if (name == null) {
      object.put("name", pathName);
      return new Submission(object.toString(), List.of());
    }
    Optional<Problem> mismatch =
        name.isString() && name.stringValue().equals(pathName)
            ? Optional.empty()
            : Optional.of(
                new Problem(
                    "$.name",
                    "the body names '"
                        + (name.isString() ? name.stringValue() : name.toString())
                        + "' but the URL names '"
                        + pathName
                        + "': leave the name out of the body, or make them equal"));
    return new Submission(body, mismatch.stream().toList());
  }
}
