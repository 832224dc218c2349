package io.tessera.registry.definition;

import io.tessera.definitions.validation.Problem;
import java.util.List;

/** A definition that is not valid: every problem, each at its JSON path. */
public final class DefinitionRejectedException extends RuntimeException {

  private final transient List<Problem> problems;

  public DefinitionRejectedException(List<Problem> problems) {
    super(problems.size() + " problem(s) in the definition");
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
