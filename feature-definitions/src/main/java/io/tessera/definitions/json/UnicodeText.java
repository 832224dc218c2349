package io.tessera.definitions.json;

import io.tessera.definitions.validation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Finds text a definition cannot hold: a string or member name with a lone UTF-16 surrogate. JSON
 * lets {@code "\ud800"} through, but such text is not Unicode: a definition's content hash is taken
 * over its RFC 8785 canonical form, which has no way to write it, and no topic or table name could
 * carry it either. So it is a problem of the definition, reported at its path, not a server error.
 * Other request bodies that take text on to files or tables check it with {@link #isUnicode} and
 * {@link #firstNotUnicode}.
 */
public final class UnicodeText {
  private UnicodeText() {}

  /** One problem for every string and member name under {@code node} that is not Unicode. */
  static List<Problem> problems(JsonNode node) {
    List<Problem> problems = new ArrayList<>();
    collect(node, JsonPaths.ROOT, problems);
    return problems;
  }

  private static void collect(JsonNode node, String path, List<Problem> problems) {
    if (node.isString() && !isUnicode(node.asString())) {
      problems.add(new Problem(path, "not valid Unicode: the text has a lone surrogate"));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        // the path is shown in the answer, which must be Unicode too
        String memberPath = JsonPaths.member(path, shown(member.getKey()));
        if (!isUnicode(member.getKey())) {
          problems.add(
              new Problem(memberPath, "not valid Unicode: the member name has a lone surrogate"));
        }
        collect(member.getValue(), memberPath, problems);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), JsonPaths.element(path, i), problems);
      }
    }
  }

  /**
   * Where the first text that is not Unicode is in a decoded JSON value (maps, lists, strings and
   * scalars, as Jackson reads into {@code Object}): a dotted path such as {@code tags[2].name}, a
   * bad member name shown with U+FFFD; empty when all of it is Unicode.
   */
  public static Optional<String> firstNotUnicode(Object value) {
    return firstNotUnicode(value, "");
  }

  private static Optional<String> firstNotUnicode(Object value, String path) {
    if (value instanceof String text) {
      return isUnicode(text) ? Optional.empty() : Optional.of(path);
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> member : map.entrySet()) {
        String name = String.valueOf(member.getKey());
        String memberPath = path.isEmpty() ? shown(name) : path + "." + shown(name);
        if (!isUnicode(name)) {
          return Optional.of(memberPath);
        }
        Optional<String> inside = firstNotUnicode(member.getValue(), memberPath);
        if (inside.isPresent()) {
          return inside;
        }
      }
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Optional<String> inside = firstNotUnicode(list.get(i), path + "[" + i + "]");
        if (inside.isPresent()) {
          return inside;
        }
      }
    }
    return Optional.empty();
  }

  /** {@code text} with each lone surrogate replaced by U+FFFD, the replacement character. */
  private static String shown(String text) {
    if (isUnicode(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** Whether {@code text} is Unicode: every UTF-16 surrogate in it is half of a pair. */
  public static boolean isUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a pair
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
