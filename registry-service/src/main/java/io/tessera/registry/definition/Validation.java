package io.tessera.registry.definition;

import io.tessera.definitions.validation.Problem;
import java.util.List;
import java.util.Optional;

/**
 * A dry run: every problem, or the plan of what registering the body would do.
 *
 * @param name the definition's name as read from the body (or the URL)
 * @param problems every problem; empty when valid
 * @param plan present exactly when valid
 */
public record Validation(String name, List<Problem> problems, Optional<VersionPlan> plan) {

  public Validation {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
