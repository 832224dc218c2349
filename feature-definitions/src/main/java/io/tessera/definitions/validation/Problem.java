package io.tessera.definitions.validation;

import java.util.Objects;

/**
 * One thing wrong with a definition.
 *
 * @param path where, as a JSON path into the definition: {@code $.features[2].windows[0]}
 * @param message what is wrong and, where it helps, how to fix it
 */
public record Problem(String path, String message) {

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** Whether this problem is about the value at {@code other} or something inside it. */
  public boolean isAtOrUnder(String other) {
    return path.equals(other) || path.startsWith(other + ".") || path.startsWith(other + "[");
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
