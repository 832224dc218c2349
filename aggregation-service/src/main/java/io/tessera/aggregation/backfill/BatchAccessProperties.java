package io.tessera.aggregation.backfill;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.batch.access.ConfinedDirectories;
import io.tessera.batch.access.DuckDbSandbox;
import io.tessera.batch.access.JdbcAllowList;
import io.tessera.batch.access.JdbcCredentials;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code tessera.batch.*}: what backfills may read on this host, the host's decision and never a
 * definition's. Nothing is allowed by default: a view whose batch source is outside these fails its
 * backfill with the refusal.
 *
 * @param allowedDirectories directories file sources (and {@code jdbc:duckdb:} database files) must
 *     be under
 * @param jdbc JDBC sources
 * @param duckdbMemoryLimit the memory of the embedded DuckDB that reads file sources
 */
@ConfigurationProperties("tessera.batch")
public record BatchAccessProperties(
    @DefaultValue List<String> allowedDirectories,
    @DefaultValue Jdbc jdbc,
    @DefaultValue("256MB") DataSize duckdbMemoryLimit) {

  /** The library's access rules from these properties. */
  BatchSourceAccess toAccess() {
    return new BatchSourceAccess(
        ConfinedDirectories.of(
            "batch-source",
            "tessera.batch.allowed-directories",
            allowedDirectories.stream().filter(dir -> !dir.isBlank()).map(Path::of).toList()),
        new JdbcAllowList("tessera.batch.jdbc.allowed-urls", jdbc.allowedUrls()),
        new JdbcCredentials(
            jdbc.credentials().stream()
                .map(
                    entry ->
                        new JdbcCredentials.Entry(
                            entry.urlPrefix(), entry.user(), entry.password()))
                .toList()),
        new DuckDbSandbox(duckdbMemoryLimit.toBytes()));
  }

  /**
   * @param allowedUrls the URLs JDBC sources may name: regular expressions, each matched against a
   *     whole URL
   * @param credentials what JDBC sources connect with: {@code
   *     tessera.batch.jdbc.credentials[0].url-prefix}, {@code .user}, {@code .password} (or {@code
   *     TESSERA_BATCH_JDBC_CREDENTIALS_0_PASSWORD}); the longest matching URL prefix wins
   */
  public record Jdbc(
      @DefaultValue List<String> allowedUrls, @DefaultValue List<Credential> credentials) {}

  /**
   * @param urlPrefix the start of the URLs they apply to
   * @param user the user to connect as
   * @param password its password
   */
  public record Credential(String urlPrefix, String user, String password) {

    /** Never the password: bound properties end up in logs and the actuator. */
    @Override
    public String toString() {
      return "Credential[urlPrefix=" + urlPrefix + ", user=" + user + ", password=***]";
    }
  }
}
