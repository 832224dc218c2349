package io.tessera.serving.training.access;

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

/**
 * Everything a training-data job may touch, decided here: the spine directories it reads, the
 * output directories it writes, the batch-source directories and JDBC URLs its views' batch sources
 * may name, and the sandbox every embedded DuckDB of a job runs in.
 */
public final class TrainingAccess {

  private static final String DUCKDB = "jdbc:duckdb:";

  private final ConfinedDirectories spines;
  private final ConfinedDirectories outputs;
  private final ConfinedDirectories batchFiles;
  private final JdbcAllowList jdbcUrls;
  private final DuckDbSandbox duck;

  public TrainingAccess(
      ConfinedDirectories spines,
      ConfinedDirectories outputs,
      ConfinedDirectories batchFiles,
      JdbcAllowList jdbcUrls,
      DuckDbSandbox duck) {
    this.spines = spines;
    this.outputs = outputs;
    this.batchFiles = batchFiles;
    this.jdbcUrls = jdbcUrls;
    this.duck = duck;
  }

  public ConfinedDirectories spines() {
    return spines;
  }

  public ConfinedDirectories outputs() {
    return outputs;
  }

  /** A job's own database: it reads its spine file and writes its output file, nothing else. */
  public Connection openJobDatabase(Path spineFile, Path outputFile) throws SQLException {
    return duck.open(List.of(spineFile, outputFile), List.of());
  }

  /**
   * Checks a view's batch source before a job is accepted: its files under the batch-source
   * directories, its JDBC URL on the allow-list.
   *
   * @throws AccessRefusedException 400 or 403
   */
  public void checkBatchSource(String view, BatchSource source) {
    if (source instanceof FileBatchSource files) {
      batchFiles.pattern(ConfinedDirectories.parse(files.path(), "batch-source"));
    } else {
      JdbcBatchSource jdbc = (JdbcBatchSource) source; // the sealed type's only other kind
      jdbcUrls.check(jdbc.url(), view);
      duckDbFile(jdbc.url());
    }
  }

  /**
   * The files a file batch source names now, each checked through its links to be under the
   * batch-source directories (a link in there must not lead out), and the sandboxed database to
   * read them with; the caller closes it.
   */
  public BatchFiles openBatchFiles(String view, FileBatchSource source) throws SQLException {
    checkBatchSource(view, source);
    Path pattern = batchFiles.pattern(ConfinedDirectories.parse(source.path(), "batch-source"));
    Connection connection = duck.open(List.of(), batchFiles.roots());
    try {
      List<Path> files = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT file FROM glob('" + pattern.toString().replace("'", "''") + "')")) {
        while (rs.next()) {
          files.add(batchFiles.existingFile(Path.of(rs.getString(1))));
        }
      }
      if (files.isEmpty()) {
        throw new SQLException("no file matches the batch source " + source.path());
      }
      return new BatchFiles(List.copyOf(files), connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * A connection to a JDBC batch source on the allow-list; a {@code jdbc:duckdb:} one is sandboxed
   * to the batch-source directories, so its query reads no other file.
   */
  public Connection openJdbc(String view, JdbcBatchSource source) throws SQLException {
    checkBatchSource(view, source);
    if (!source.url().startsWith(DUCKDB)) {
      return DriverManager.getConnection(source.url());
    }
    List<Path> database = duckDbFile(source.url()).map(List::of).orElse(List.of());
    return duck.open(source.url(), database, batchFiles.roots());
  }

  /**
   * A {@code jdbc:duckdb:} URL's database file, which must be under the batch-source directories
   * (opening one creates it, before any setting applies); empty for an in-memory database or
   * another driver's URL.
   */
  private java.util.Optional<Path> duckDbFile(String url) {
    if (!url.startsWith(DUCKDB)) {
      return java.util.Optional.empty();
    }
    String database = url.substring(DUCKDB.length());
    int options = database.indexOf('?');
    database = options < 0 ? database : database.substring(0, options);
    if (database.isEmpty() || database.startsWith(":memory:")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        batchFiles.existingFile(ConfinedDirectories.parse(database, "batch-source database")));
  }

  /**
   * The files of a file batch source and the sandboxed database to read them with.
   *
   * @param files canonical real paths, each under the batch-source directories
   * @param connection the caller closes it
   */
  public record BatchFiles(List<Path> files, Connection connection) {}
}
