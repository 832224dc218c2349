package io.tessera.definitions.transform;

import java.util.Objects;

/**
 * An expression that cannot be used: it does not parse or type-check, is too large, or yields a
 * type that is not a column type.
 *
 * @param derivedColumn the derived column whose expression it is; {@code null} for the filter
 * @param message what is wrong, with CEL's own message where CEL found it
 */
public record ExpressionError(String derivedColumn, String message) {

  public ExpressionError {
    Objects.requireNonNull(message, "message");
  }

  public static ExpressionError ofFilter(String message) {
    return new ExpressionError(null, message);
  }

  public boolean isFilter() {
    return derivedColumn == null;
  }
}
