package io.tessera.batch.read;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.JdbcBatchSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a view's batch source as payload rows (column name to value), the input the view's compiled
 * transformation takes, like a decoded stream payload: files (Parquet, CSV, JSON lines; a path or a
 * glob) through a sandboxed DuckDB, a JDBC source through its own driver.
 *
 * <p>Rows are streamed: each is handed to the sink as it is read, and the source is never held in
 * memory whole (DuckDB streams its results, a JDBC driver fetches {@value #FETCH_ROWS} rows at a
 * time). A sink that throws stops the read; the exception reaches the caller.
 *
 * <p>Values keep the forms the transformation's coercion accepts ({@link PayloadColumns}).
 */
public final class BatchRows {

  /**
   * Rows a JDBC driver fetches per round trip: enough to amortize the trip, few enough that a batch
   * of wide rows stays a few megabytes.
   */
  static final int FETCH_ROWS = 1_000;

  private BatchRows() {}

  /**
   * Calls {@code sink} with every row of {@code source}, in the source's order: files and {@code
   * jdbc:duckdb:} sources through a sandboxed DuckDB that reaches only the batch-source
   * directories, other JDBC sources only at allow-listed URLs with the configured credentials.
   *
   * @param view the view whose source this is, for messages
   * @return the number of rows read
   * @throws io.tessera.batch.access.AccessRefusedException when {@code access} refuses the source
   * @throws SQLException when the source cannot be read
   */
  public static long read(
      String view, BatchSource source, BatchSourceAccess access, Consumer<Map<String, Object>> sink)
      throws SQLException {
    if (source instanceof FileBatchSource files) {
      BatchSourceAccess.BatchFiles batch = access.openFiles(view, files);
      try (Connection duck = batch.connection()) {
        return query(duck, "SELECT * FROM " + fileFunction(files, batch.files()), sink);
      }
    }
    JdbcBatchSource jdbc = (JdbcBatchSource) source; // the sealed type's only other kind
    try (Connection connection = access.openJdbc(view, jdbc)) {
      String sql = jdbc.query().orElseGet(() -> "SELECT * FROM " + jdbc.table().orElseThrow());
      return query(connection, sql, sink);
    }
  }

  /** The reader of the source's format over exactly the files its glob matched when checked. */
  private static String fileFunction(FileBatchSource source, List<Path> files) {
    String paths =
        files.stream()
            .map(file -> "'" + file.toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    return switch (source.format()) {
      case PARQUET -> "read_parquet(" + paths + ")";
      case CSV -> "read_csv(" + paths + ", header = true, all_varchar = true)";
      case JSONL -> "read_json(" + paths + ", format = 'newline_delimited')";
    };
  }

  private static long query(Connection connection, String sql, Consumer<Map<String, Object>> sink)
      throws SQLException {
    try (Statement statement =
        connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(FETCH_ROWS);
      try (ResultSet rs = statement.executeQuery(sql)) {
        PayloadColumns columns = PayloadColumns.of(rs.getMetaData());
        long rows = 0;
        while (rs.next()) {
          sink.accept(columns.row(rs));
          rows++;
        }
        return rows;
      }
    }
  }
}
