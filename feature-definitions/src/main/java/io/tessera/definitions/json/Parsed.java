package io.tessera.definitions.json;

import io.tessera.definitions.validation.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What reading a JSON definition produced. The reader does not stop at the first problem: where a
 * value is unusable it records the problem and reads on with a neutral stand-in, so the definition
 * can still be checked for its other problems. Those checks must then leave alone the paths in
 * {@code suppressed}, where a stand-in sits and any further complaint would be noise.
 *
 * @param value the definition, with stand-ins where a value was unusable; empty if the text is not
 *     a JSON object at all
 * @param problems every structural problem: not JSON, wrong JSON types, missing or unknown fields,
 *     unparseable durations, unknown function or type names
 * @param suppressed paths under which later checks must not add problems
 * @param <T> the definition type
 */
public record Parsed<T>(Optional<T> value, List<Problem> problems, Set<String> suppressed) {

  public Parsed {
    Objects.requireNonNull(value, "value");
    problems = List.copyOf(problems);
    suppressed = Set.copyOf(suppressed);
  }

  /** Whether a later check's problem should be dropped as a consequence of a structural one. */
  public boolean isSuppressed(Problem problem) {
    return suppressed.stream().anyMatch(problem::isAtOrUnder);
  }

  /**
   * The definition, if it was read without any problem.
   *
   * @throws InvalidDefinitionException listing the problems otherwise
   */
  public T orThrow() {
    if (!problems.isEmpty() || value.isEmpty()) {
      throw new InvalidDefinitionException(problems);
    }
    return value.get();
  }
}
