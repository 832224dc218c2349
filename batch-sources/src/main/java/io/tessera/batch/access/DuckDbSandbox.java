package io.tessera.batch.access;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Opens embedded DuckDB databases sandboxed (a batch source's, a training job's): with {@code
 * enable_external_access=false}, DuckDB reads and writes no file, lists no directory and attaches
 * no database but the files ({@code allowed_paths}) and directories ({@code allowed_directories})
 * it is given; it never installs or loads an extension ({@code autoinstall_known_extensions} and
 * {@code autoload_known_extensions} off; with external access off, {@code LOAD} is refused too); it
 * keeps to a memory limit; and {@code lock_configuration} stops SQL from lifting any of that. A
 * batch source's free SQL then reaches only the batch-source directories, and a training job's own
 * database only its spine and its output.
 *
 * <p>The settings are given when the database opens, not set afterwards: DuckDB refuses to change
 * the allowed paths once external access is off, and a {@code jdbc:duckdb:} batch source must not
 * run a statement before it is confined. A URL with options ({@code jdbc:duckdb:;name=value}) is
 * refused: the driver lets them override the settings given with it.
 */
public final class DuckDbSandbox {

  private static final String IN_MEMORY = "jdbc:duckdb:";

  private final long memoryLimitBytes;

  public DuckDbSandbox(long memoryLimitBytes) {
    if (memoryLimitBytes < 1) {
      throw new IllegalArgumentException("the DuckDB memory limit must be positive");
    }
    this.memoryLimitBytes = memoryLimitBytes;
  }

  /**
   * An in-memory database that may touch exactly {@code files} and what is under {@code dirs}, its
   * results materialized (it may run a statement while another's result is open).
   */
  public Connection open(Collection<Path> files, Collection<Path> dirs) throws SQLException {
    return open(IN_MEMORY, files, dirs, Results.MATERIALIZED);
  }

  /**
   * A database at a {@code jdbc:duckdb:} URL (in memory, or a file the caller checked), confined
   * like {@link #open(Collection, Collection)}.
   */
  public Connection open(String url, Collection<Path> files, Collection<Path> dirs, Results results)
      throws SQLException {
    if (!url.startsWith(IN_MEMORY) || url.contains(";")) {
      // options after a ';' override the settings given here, enable_external_access among them
      throw new IllegalArgumentException("a sandboxed DuckDB URL takes no options: " + url);
    }
    return DriverManager.getConnection(url, settings(files, dirs, results));
  }

  Properties settings(Collection<Path> files, Collection<Path> dirs, Results results) {
    Properties settings = new Properties();
    // A driver option, not a database setting: without it the driver computes a query's whole
    // result before returning its first row, so reading a source would hold all of it in memory.
    settings.setProperty("jdbc_stream_results", String.valueOf(results == Results.STREAMED));
    settings.setProperty("allowed_paths", list(files, false));
    settings.setProperty("allowed_directories", list(dirs, true));
    settings.setProperty("enable_external_access", "false");
    settings.setProperty("autoinstall_known_extensions", "false");
    settings.setProperty("autoload_known_extensions", "false");
    settings.setProperty("memory_limit", Math.max(1, memoryLimitBytes / (1024 * 1024)) + "MiB");
    settings.setProperty("lock_configuration", "true");
    return settings;
  }

  /** How a database hands over the results of its queries. */
  public enum Results {
    /**
     * Each result computed whole before its first row is returned; several results may be open at
     * once on one connection.
     */
    MATERIALIZED,
    /**
     * Rows computed as they are read, a chunk at a time, so memory is bounded by a chunk, not by
     * the result: for reading a source once, front to back. Running another statement on the
     * connection ends an open result.
     */
    STREAMED
  }

  /** A DuckDB list literal; a path with a quote cannot be written in it and is refused earlier. */
  private static String list(Collection<Path> paths, boolean directories) {
    return paths.stream()
        .map(Path::toString)
        .peek(
            path -> {
              if (path.contains("'")) {
                throw new IllegalArgumentException("a sandboxed path may not contain a quote");
              }
            })
        .map(path -> "'" + (directories && !path.endsWith("/") ? path + "/" : path) + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
