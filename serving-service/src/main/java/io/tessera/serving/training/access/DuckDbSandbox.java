package io.tessera.serving.training.access;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Opens the embedded DuckDB databases of training jobs sandboxed: with {@code
 * enable_external_access=false}, DuckDB reads and writes no file, lists no directory and attaches
 * no database but the files ({@code allowed_paths}) and directories ({@code allowed_directories})
 * it is given; it never installs or loads an extension ({@code autoinstall_known_extensions} and
 * {@code autoload_known_extensions} off; with external access off, {@code LOAD} is refused too); it
 * keeps to a memory limit; and {@code lock_configuration} stops SQL from lifting any of that. A
 * batch source's free SQL then reaches only the batch-source directories, and a job's own database
 * only its spine and its output.
 *
 * <p>The settings are given when the database opens, not set afterwards: DuckDB refuses to change
 * the allowed paths once external access is off, and a {@code jdbc:duckdb:} batch source must not
 * run a statement before it is confined.
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

  /** An in-memory database that may touch exactly {@code files} and what is under {@code dirs}. */
  public Connection open(Collection<Path> files, Collection<Path> dirs) throws SQLException {
    return open(IN_MEMORY, files, dirs);
  }

  /**
   * A database at a {@code jdbc:duckdb:} URL (in memory, or a file the caller checked), confined
   * like {@link #open(Collection, Collection)}.
   */
  public Connection open(String url, Collection<Path> files, Collection<Path> dirs)
      throws SQLException {
    return DriverManager.getConnection(url, settings(files, dirs));
  }

  Properties settings(Collection<Path> files, Collection<Path> dirs) {
    Properties settings = new Properties();
    settings.setProperty("allowed_paths", list(files, false));
    settings.setProperty("allowed_directories", list(dirs, true));
    settings.setProperty("enable_external_access", "false");
    settings.setProperty("autoinstall_known_extensions", "false");
    settings.setProperty("autoload_known_extensions", "false");
    settings.setProperty("memory_limit", Math.max(1, memoryLimitBytes / (1024 * 1024)) + "MiB");
    settings.setProperty("lock_configuration", "true");
    return settings;
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
