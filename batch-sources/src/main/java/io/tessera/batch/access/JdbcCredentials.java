package io.tessera.batch.access;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The user and password JDBC batch sources connect with, from the host's configuration (a service's
 * properties or environment), never from a definition: a definition names a URL that anyone who may
 * register views can read back, the operator holds the secrets. An entry applies to every URL that
 * starts with its prefix; of several, the longest prefix wins, so one database can have an entry of
 * its own under a host-wide one. A URL that no entry matches connects with no user or password (an
 * in-process {@code jdbc:duckdb:} source needs none).
 */
public final class JdbcCredentials {

  private static final JdbcCredentials NONE = new JdbcCredentials(List.of());

  private final List<Entry> entries;

  public JdbcCredentials(List<Entry> entries) {
    this.entries =
        entries.stream()
            .sorted(Comparator.comparingInt((Entry entry) -> entry.urlPrefix().length()).reversed())
            .toList();
  }

  /** No credentials for any URL. */
  public static JdbcCredentials none() {
    return NONE;
  }

  /** The entry of the longest prefix {@code url} starts with, if any. */
  public Optional<Entry> forUrl(String url) {
    return entries.stream().filter(entry -> url.startsWith(entry.urlPrefix())).findFirst();
  }

  /** The driver properties {@code user} and {@code password} for {@code url}; empty if none. */
  Properties connectionProperties(String url) {
    Properties properties = new Properties();
    forUrl(url)
        .ifPresent(
            entry -> {
              properties.setProperty("user", entry.user());
              properties.setProperty("password", entry.password());
            });
    return properties;
  }

  /**
   * One database's (or host's) credentials.
   *
   * @param urlPrefix the start of the URLs they apply to, such as {@code
   *     jdbc:postgresql://warehouse:5432/}
   * @param user the user to connect as
   * @param password its password; empty for none
   */
  public record Entry(String urlPrefix, String user, String password) {

    public Entry {
      Objects.requireNonNull(urlPrefix, "urlPrefix");
      Objects.requireNonNull(user, "user");
      password = password == null ? "" : password;
      if (!urlPrefix.startsWith("jdbc:") || user.isBlank()) {
        throw new IllegalArgumentException(
            "JDBC credentials need a url-prefix starting with jdbc: and a user, had '"
                + urlPrefix
                + "' and '"
                + user
                + "'");
      }
    }

    /** Never the password: entries end up in logs and error messages. */
    @Override
    public String toString() {
      return "Entry[urlPrefix=" + urlPrefix + ", user=" + user + ", password=***]";
    }
  }
}
