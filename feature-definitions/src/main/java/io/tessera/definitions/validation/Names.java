package io.tessera.definitions.validation;

import java.util.regex.Pattern;

/**
 * The naming rule for views, features and services. Names end up in Kafka keys, Cassandra rows,
 * metric labels and feature-vector field names, so they are kept to one safe alphabet.
 */
public final class Names {

  /** Longest name: keeps keys and labels short; 64 is plenty for a readable name. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0," + (MAX_LENGTH - 1) + "}");

  private Names() {}

  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The message for an invalid {@code kind} name ("view", "feature", "feature service"). */
  static String invalid(String kind, String name) {
    return "'"
        + name
        + "' is not a valid "
        + kind
        + " name: use 1 to "
        + MAX_LENGTH
        + " lower-case letters, digits and underscores, starting with a letter";
  }
}
