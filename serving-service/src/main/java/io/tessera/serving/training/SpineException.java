package io.tessera.serving.training;

import java.util.List;

/** A spine that cannot be used, with every problem found (each a sentence naming the row). */
final class SpineException extends RuntimeException {
  private final List<String> problems;

  SpineException(List<String> problems) {
    super(
        problems.size() == 1 ? problems.get(0) : "the spine has " + problems.size() + " problems");
    this.problems = List.copyOf(problems);
  }

  List<String> problems() {
    return problems;
  }
}
