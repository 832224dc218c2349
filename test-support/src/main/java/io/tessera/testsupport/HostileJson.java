package io.tessera.testsupport;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

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

  /** Member names of the services' request bodies, and two no body has. */
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
          "__proto__",
          "");

  private HostileJson() {}

  /**
   * Every member name with every edge value, exhaustively: alone in an object, and appended to the
   * last object of {@code valid} so that it overrides the valid member of the same name. A sample
   * finds a bad pair only by luck; this list finds it every run.
   */
  public static List<String> everyMemberAtItsEdges(String valid) {
    int close = valid.lastIndexOf('}');
    String open = valid.substring(0, close);
    String rest = valid.substring(close);
    List<String> bodies = new ArrayList<>();
    for (String key : KEYS) {
      for (String value : EDGE_VALUES) {
        String member = "\"" + key + "\": " + value;
        bodies.add("{" + member + "}");
        bodies.add(open + ", " + member + rest);
      }
    }
    return bodies;
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
