package io.tessera.definitions.transform;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which column names expressions can refer to: CEL identifiers that are not reserved words. Every
 * column must be one, since every column is a variable of the transformation.
 */
public final class CelNames {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  // CEL's language keywords and the words it reserves for future use (CEL language definition).
  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");

  private CelNames() {}

  /** Whether {@code name} can be a column: up to 128 letters, digits, underscores, not reserved. */
  public static boolean isColumnName(String name) {
    return name != null && IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
  }
}
