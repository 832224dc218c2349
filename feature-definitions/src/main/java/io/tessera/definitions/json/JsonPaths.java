package io.tessera.definitions.json;

import java.util.regex.Pattern;

/** Builds the JSON paths that problems point at: {@code $.features[2].windows[0]}. */
public final class JsonPaths {

  public static final String ROOT = "$";

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private JsonPaths() {}

  /** The path of member {@code name}: {@code $.schema.amount}, or {@code $.tags['a b']}. */
  public static String member(String path, String name) {
    if (PLAIN.matcher(name).matches()) {
      return path + "." + name;
    }
    return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  public static String element(String path, int index) {
    return path + "[" + index + "]";
  }
}
