package io.tessera.training.spine;

import java.util.List;

/** A spine that cannot be used, with every problem found (each a sentence naming the row). */
public final class SpineException extends RuntimeException {
  private final List<String> problems;

  public SpineException(List<String> problems) {
    super(
        problems.size() == 1 ? problems.get(0) : "the spine has " + problems.size() + " problems");
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
