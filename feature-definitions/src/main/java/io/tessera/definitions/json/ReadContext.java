package io.tessera.definitions.json;

import io.tessera.definitions.validation.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The problems and suppressed paths collected while reading one definition. */
final class ReadContext {

  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> suppressed = new HashSet<>();

  /** Records a structural problem; later checks stay quiet at and under its path. */
  void problem(String path, String message) {
    problems.add(new Problem(path, message));
    suppressed.add(path);
  }

  /** Keeps later checks quiet at and under {@code path}, where a stand-in value sits. */
  void suppress(String path) {
    suppressed.add(path);
  }

  List<Problem> problems() {
    return problems;
  }

  Set<String> suppressed() {
    return suppressed;
  }
}
