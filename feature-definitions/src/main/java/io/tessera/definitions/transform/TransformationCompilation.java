package io.tessera.definitions.transform;

import io.tessera.definitions.feature.ValueType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of compiling a view's transformation: every expression error, the column types the
 * derived columns turned out to have (known even when other expressions fail, so validation can
 * still check features against them), and the program when nothing failed.
 *
 * @param derivedTypes derived column name to inferred type, for the expressions that compiled
 * @param errors every expression error; empty when {@code transformation} is present
 * @param transformation the program, present exactly when there are no errors
 */
public record TransformationCompilation(
    Map<String, ValueType> derivedTypes,
    List<ExpressionError> errors,
    Optional<CompiledTransformation> transformation) {

  public TransformationCompilation {
    derivedTypes = Collections.unmodifiableMap(new LinkedHashMap<>(derivedTypes));
    errors = List.copyOf(errors);
    Objects.requireNonNull(transformation, "transformation");
    if (errors.isEmpty() != transformation.isPresent()) {
      throw new IllegalArgumentException("a program exists exactly when nothing failed");
    }
  }

  /**
   * The program.
   *
   * @throws IllegalStateException listing the errors, if there are any; validate the view first
   */
  public CompiledTransformation orThrow() {
    return transformation.orElseThrow(
        () ->
            new IllegalStateException(
                "the transformation does not compile: "
                    + errors.stream().map(ExpressionError::message).toList()));
  }
}
