package io.tessera.definitions.validation;

import java.util.List;
import java.util.Objects;

/**
 * A definition that passed validation, or every problem that stops it.
 *
 * @param <T> the definition type
 */
public sealed interface ValidationResult<T> {

  /** The valid definition, with its defaults filled in. */
  record Valid<T>(T value) implements ValidationResult<T> {
    public Valid {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Every problem found; never empty. */
  record Invalid<T>(List<Problem> problems) implements ValidationResult<T> {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid definition has at least one problem");
      }
    }
  }

  static <T> ValidationResult<T> of(T value, List<Problem> problems) {
    return problems.isEmpty() ? new Valid<>(value) : new Invalid<>(problems);
  }

  /** The problems; empty when valid. */
  default List<Problem> problems() {
    return this instanceof Invalid<T> invalid ? invalid.problems() : List.of();
  }

  default boolean isValid() {
    return this instanceof Valid<T>;
  }
}
