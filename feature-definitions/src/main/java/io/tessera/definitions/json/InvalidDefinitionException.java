package io.tessera.definitions.json;

import io.tessera.definitions.validation.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A definition that cannot be used, with every problem found. */
public final class InvalidDefinitionException extends IllegalArgumentException {

  private final transient List<Problem> problems;

  public InvalidDefinitionException(List<Problem> problems) {
    super(
        "invalid definition: "
            + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
