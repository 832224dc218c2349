package io.tessera.serving.training;

import io.tessera.batch.access.JdbcCredentials;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.batch.jdbc.*}: the credentials JDBC batch sources connect with. They are the
 * host's, never a definition's (a definition names only the URL), and any service that reads batch
 * sources binds the same properties: {@code tessera.batch.jdbc.credentials[0].url-prefix}, {@code
 * .user}, {@code .password}, or from the environment {@code
 * TESSERA_BATCH_JDBC_CREDENTIALS_0_PASSWORD}.
 *
 * @param credentials one entry per database or host; the longest matching URL prefix wins
 */
@ConfigurationProperties("tessera.batch.jdbc")
public record JdbcCredentialsProperties(@DefaultValue List<Entry> credentials) {

  /** The library's view of them. */
  JdbcCredentials toCredentials() {
    return new JdbcCredentials(
        credentials.stream()
            .map(
                entry ->
                    new JdbcCredentials.Entry(entry.urlPrefix(), entry.user(), entry.password()))
            .toList());
  }

  /**
   * @param urlPrefix the start of the URLs they apply to
   * @param user the user to connect as
   * @param password its password
   */
  public record Entry(String urlPrefix, String user, String password) {

    /** Never the password: bound properties end up in logs and the actuator. */
    @Override
    public String toString() {
      return "Entry[urlPrefix=" + urlPrefix + ", user=" + user + ", password=***]";
    }
  }
}
