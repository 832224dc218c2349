package io.tessera.batch.access;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The JDBC URLs a batch source may name: each entry a regular expression the whole URL must match
 * ({@code jdbc:postgresql://warehouse\.internal:5432/.*}). Empty: no JDBC batch source is read. A
 * URL names a host the service connects to with the driver's own protocol (and may carry
 * credentials or driver options): a registered definition must not pick it freely.
 */
public final class JdbcAllowList {

  private final String property;
  private final List<Pattern> patterns;

  /**
   * @param property the setting that lists the expressions, for messages
   * @param expressions regular expressions, each matched against a whole URL
   */
  public JdbcAllowList(String property, List<String> expressions) {
    this.property = property;
    try {
      this.patterns = expressions.stream().map(Pattern::compile).toList();
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          property + ": not a regular expression: " + e.getPattern(), e);
    }
  }

  public boolean allows(String url) {
    return patterns.stream().anyMatch(pattern -> pattern.matcher(url).matches());
  }

  /**
   * @throws AccessRefusedException 403 if no entry matches
   */
  public void check(String url, String view) {
    if (!allows(url)) {
      throw AccessRefusedException.forbidden(
          "the JDBC batch source of view '"
              + view
              + "' names a URL that matches no entry of "
              + property);
    }
  }
}
