package io.tessera.testsupport;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies a careless or hostile client sends: bytes that are not JSON, JSON cut short, the
 * right shape with the wrong types, values at the edges of every type, deep nesting, huge strings
 * and arrays near a service's body limit, duplicate keys, control characters. A service must answer
 * each with a 4xx problem+json (or accept it, if it happens to be valid), never a 5xx, and stay
 * healthy.
 *
 * @see #bodies(String) for bodies built around a valid example
 */
public final class HostileJson {
  /** Values at the edges of JSON's types, each as JSON text. */
  private static final List<String> EDGE_VALUES =
      List.of(
          "null",
          "true",
          "0",
          "-0",
          "1e309",
          "-1e309",
          "9223372036854775808",
          "-9223372036854775809",
          "1.7976931348623157e308",
          "123456789012345678901234567890",
          "\"\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"2026-13-45T25:61:61Z\"",
          "\"" + "x".repeat(70_000) + "\"",
          "[]",
          "{}",
          "[null]",
          "[\"x\", null]",
          "[{}]",
          "[{\"user_id\": null}]",
          "{\"\":null}");

  /** Member names of the services' request bodies, and two no body has, each alone in a body. */
  private static final List<String> KEYS =
      List.of(
          "entities",
          "featureService",
          "features",
          "at",
          "name",
          "entity",
          "source",
          "schema",
          "windows",
          "events",
          "user_id",
          "amount",
          "ts",
          "spine",
          "rows",
          "path",
          "format",
          "output",
          "overwrite",
          "timestampColumn",
          "version",
          "from",
          "to",
          "__proto__",
          "");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Stands where an edge value goes, until the text replaces it; no request body holds it. */
  private static final String MARK = "\u2603edge\u2603";

  private HostileJson() {}

  /**
   * Every member of {@code valid} with every edge value, exhaustively: each value of {@code valid}
   * (object members and array elements, nested ones included) replaced in turn by each edge value,
   * and every known member name alone in an object with each. A sample finds a bad pair only by
   * luck; this list finds it every run.
   */
  public static List<String> everyMemberAtItsEdges(String valid) {
    JsonNode tree = JSON.readTree(valid);
    List<String> bodies = new ArrayList<>();
    for (JsonPointer member : members(tree, JsonPointer.empty(), new ArrayList<>())) {
      JsonNode copy = tree.deepCopy();
      JsonNode parent = copy.at(member.head());
      if (parent instanceof ObjectNode object) {
        object.put(member.last().getMatchingProperty(), MARK);
      } else if (parent instanceof ArrayNode array) {
        array.set(member.last().getMatchingIndex(), MARK);
      }
      String template = JSON.writeValueAsString(copy);
      for (String value : EDGE_VALUES) {
        bodies.add(template.replace("\"" + MARK + "\"", value));
      }
    }
    for (String key : KEYS) {
      for (String value : EDGE_VALUES) {
        bodies.add("{\"" + key + "\": " + value + "}");
      }
    }
    return bodies;
  }

  /** Where every value below {@code node} is: object members and array elements, depth first. */
  private static List<JsonPointer> members(JsonNode node, JsonPointer at, List<JsonPointer> out) {
    if (node instanceof ObjectNode object) {
      for (String name : object.propertyNames()) {
        JsonPointer member = at.appendProperty(name);
        out.add(member);
        members(object.get(name), member, out);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonPointer element = at.appendIndex(i);
        out.add(element);
        members(array.get(i), element, out);
      }
    }
    return out;
  }

  /** Hostile bodies, some of them variations of {@code valid}, a well-formed request body. */
  public static Arbitrary<String> bodies(String valid) {
    return Arbitraries.frequencyOf(
        Tuple.of(3, garbage()),
        Tuple.of(3, truncated(valid)),
        Tuple.of(4, wrongValues()),
        Tuple.of(2, deep()),
        Tuple.of(1, huge()),
        Tuple.of(2, spliced(valid)));
  }

  /** Any characters at all, including none. */
  private static Arbitrary<String> garbage() {
    return Arbitraries.strings().all().ofMaxLength(200);
  }

  /** A valid body cut anywhere. */
  private static Arbitrary<String> truncated(String valid) {
    return Arbitraries.integers().between(0, valid.length()).map(end -> valid.substring(0, end));
  }

  /** Objects and arrays of values at the edges of JSON's types. */
  private static Arbitrary<String> wrongValues() {
    Arbitrary<String> scalar = Arbitraries.of(EDGE_VALUES);
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<String> member = Combinators.combine(key, scalar).as((k, v) -> "\"" + k + "\": " + v);
    Arbitrary<String> object =
        member.list().ofMaxSize(6).map(m -> "{" + String.join(", ", m) + "}");
    Arbitrary<String> array = object.list().ofMaxSize(4).map(o -> "[" + String.join(", ", o) + "]");
    return Arbitraries.oneOf(scalar, object, array);
  }

  /** Nesting deeper than any parser's recursion should follow. */
  private static Arbitrary<String> deep() {
    return Arbitraries.integers()
        .between(100, 20_000)
        .flatMap(
            depth ->
                Arbitraries.of(
                    "[".repeat(depth) + "]".repeat(depth),
                    "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                    "[".repeat(depth)));
  }

  /** Large but under typical body limits: a long string, a long array. */
  private static Arbitrary<String> huge() {
    return Arbitraries.integers()
        .between(10_000, 400_000)
        .flatMap(
            size ->
                Arbitraries.of(
                    "{\"entities\": [" + "{\"user_id\": \"u\"},".repeat(size / 16) + "{}]}",
                    "{\"name\": \"" + "n".repeat(size) + "\"}",
                    "[" + "1,".repeat(size / 2) + "1]"));
  }

  /** A valid body with a piece of hostile text spliced in somewhere. */
  private static Arbitrary<String> spliced(String valid) {
    return Combinators.combine(
            Arbitraries.integers().between(0, valid.length()),
            Arbitraries.of("\u0000", "\"", "}", "]", ",,", ":", "\\", "\ud800", "NaN", "'", "\n"))
        .as((at, piece) -> valid.substring(0, at) + piece + valid.substring(at));
  }
}
