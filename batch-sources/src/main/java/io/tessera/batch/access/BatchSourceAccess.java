package io.tessera.batch.access;

import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.JdbcBatchSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What reading views' batch sources may touch on this host, decided in one place: the directories
 * file sources (and the database files of {@code jdbc:duckdb:} sources) must be under, the JDBC
 * URLs sources may name, the credentials JDBC sources connect with, and the sandbox the embedded
 * DuckDB reading them runs in. Backfill and training read through the same instance of their
 * service.
 */
public final class BatchSourceAccess {

  private static final String DUCKDB = "jdbc:duckdb:";

  /**
   * A user or password in a URL ({@code //user:secret@host}, {@code ?user=..&password=..}):
   * credentials come from the host's configuration, never from a definition anyone may read.
   */
  private static final Pattern CREDENTIALS_IN_URL =
      Pattern.compile("(?i)(//[^/?;]*@|[?&;](user|password)=)");

  private final ConfinedDirectories files;
  private final JdbcAllowList jdbcUrls;
  private final JdbcCredentials credentials;
  private final DuckDbSandbox duck;

  /**
   * @param files where file sources, and the database files of {@code jdbc:duckdb:} ones, may be
   * @param jdbcUrls the URLs JDBC sources may name
   * @param credentials what JDBC sources connect with
   * @param duck the sandbox of every embedded DuckDB that reads a source
   */
  public BatchSourceAccess(
      ConfinedDirectories files,
      JdbcAllowList jdbcUrls,
      JdbcCredentials credentials,
      DuckDbSandbox duck) {
    this.files = files;
    this.jdbcUrls = jdbcUrls;
    this.credentials = credentials;
    this.duck = duck;
  }

  /**
   * Checks a view's batch source before any work is accepted: its files under the batch-source
   * directories, its JDBC URL on the allow-list and free of credentials.
   *
   * @throws AccessRefusedException INVALID or FORBIDDEN
   */
  public void check(String view, BatchSource source) {
    if (source instanceof FileBatchSource fileSource) {
      files.pattern(ConfinedDirectories.parse(fileSource.path(), "batch-source"));
    } else {
      JdbcBatchSource jdbc = (JdbcBatchSource) source; // the sealed type's only other kind
      if (CREDENTIALS_IN_URL.matcher(jdbc.url()).find()) {
        throw AccessRefusedException.invalid(
            "the JDBC batch source of view '"
                + view
                + "' names a URL with a user or password in it; the host's configuration holds"
                + " JDBC credentials, a definition never does");
      }
      jdbcUrls.check(jdbc.url(), view);
      if (jdbc.url().startsWith(DUCKDB) && jdbc.url().contains(";")) {
        throw AccessRefusedException.invalid(
            "the JDBC batch source of view '"
                + view
                + "' gives DuckDB options in its URL; the sandbox alone sets them");
      }
      duckDbFile(jdbc.url());
    }
  }

  /**
   * The files a file batch source names now, each checked through its links to be under the
   * batch-source directories (a link in there must not lead out), and the sandboxed database that
   * streams them; the caller closes it.
   */
  public BatchFiles openFiles(String view, FileBatchSource source) throws SQLException {
    check(view, source);
    Path pattern = files.pattern(ConfinedDirectories.parse(source.path(), "batch-source"));
    Connection connection =
        duck.open(DUCKDB, List.of(), files.roots(), DuckDbSandbox.Results.STREAMED);
    try {
      List<Path> matched = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT file FROM glob('" + pattern.toString().replace("'", "''") + "')")) {
        while (rs.next()) {
          matched.add(files.existingFile(Path.of(rs.getString(1))));
        }
      }
      if (matched.isEmpty()) {
        throw new SQLException("no file matches the batch source " + source.path());
      }
      return new BatchFiles(List.copyOf(matched), connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * A connection to a JDBC batch source on the allow-list, ready to stream one query: a {@code
   * jdbc:duckdb:} one sandboxed to the batch-source directories (so its query reads no other file),
   * any other with the configured credentials, read-only, and with auto-commit off (PostgreSQL's
   * driver fetches a result in chunks only inside a transaction; it reads the whole result into
   * memory otherwise). The caller closes it.
   */
  public Connection openJdbc(String view, JdbcBatchSource source) throws SQLException {
    check(view, source);
    if (source.url().startsWith(DUCKDB)) {
      List<Path> database = duckDbFile(source.url()).map(List::of).orElse(List.of());
      return duck.open(source.url(), database, files.roots(), DuckDbSandbox.Results.STREAMED);
    }
    Connection connection =
        DriverManager.getConnection(source.url(), credentials.connectionProperties(source.url()));
    try {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * A {@code jdbc:duckdb:} URL's database file, which must be under the batch-source directories
   * (opening one creates it, before any setting applies); empty for an in-memory database or
   * another driver's URL.
   */
  private Optional<Path> duckDbFile(String url) {
    if (!url.startsWith(DUCKDB)) {
      return Optional.empty();
    }
    String database = url.substring(DUCKDB.length());
    int options = database.indexOf('?');
    database = options < 0 ? database : database.substring(0, options);
    if (database.isEmpty() || database.startsWith(":memory:")) {
      return Optional.empty();
    }
    return Optional.of(
        files.existingFile(ConfinedDirectories.parse(database, "batch-source database")));
  }

  /**
   * The files of a file batch source and the sandboxed database to read them with.
   *
   * @param files canonical real paths, each under the batch-source directories
   * @param connection the caller closes it
   */
  public record BatchFiles(List<Path> files, Connection connection) {}
}
