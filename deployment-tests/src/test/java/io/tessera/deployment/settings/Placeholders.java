package io.tessera.deployment.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables a Spring configuration file reads: its {@code ${NAME:default}}
 * placeholders whose name is upper case (lower-case ones name other properties, such as {@code
 * ${spring.application.name}}).
 */
final class Placeholders {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

  private Placeholders() {}

  /** Each variable with its default (empty when it has none). */
  static Map<String, String> in(Path yaml) {
    String text;
    try {
      text = Files.readString(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> variables = new TreeMap<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      variables.put(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
    }
    return variables;
  }
}
