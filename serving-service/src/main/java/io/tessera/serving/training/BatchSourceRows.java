package io.tessera.serving.training;

import io.tessera.definitions.view.BatchSource;
import io.tessera.definitions.view.FileBatchSource;
import io.tessera.definitions.view.JdbcBatchSource;
import io.tessera.serving.training.access.TrainingAccess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a view's batch source as payload rows (column name to value), the input the view's compiled
 * transformation takes, like a decoded stream payload. Files (Parquet, CSV, JSON lines; a path or a
 * glob) are read through DuckDB; a JDBC source through its own driver.
 *
 * <p>Values keep the forms the transformation's coercion accepts: CSV columns are read as text
 * (what a CSV file holds; the schema's coercion parses them as ingest parses text payloads),
 * timestamps become ISO-8601 text in UTC, other numbers stay numbers.
 */
final class BatchSourceRows {

  private BatchSourceRows() {}

  /**
   * Calls {@code sink} with every row of {@code source}, in the source's order: files and {@code
   * jdbc:duckdb:} sources through a sandboxed DuckDB that reaches only the batch-source
   * directories, other JDBC sources only at allow-listed URLs.
   */
  static void read(
      String view, BatchSource source, TrainingAccess access, Consumer<Map<String, Object>> sink)
      throws SQLException {
    if (source instanceof FileBatchSource files) {
      TrainingAccess.BatchFiles batch = access.openBatchFiles(view, files);
      try (Connection duck = batch.connection()) {
        query(duck, "SELECT * FROM " + fileFunction(files, batch.files()), sink);
      }
    } else {
      JdbcBatchSource jdbc = (JdbcBatchSource) source; // the sealed type's only other kind
      try (Connection connection = access.openJdbc(view, jdbc)) {
        String sql = jdbc.query().orElseGet(() -> "SELECT * FROM " + jdbc.table().orElseThrow());
        query(connection, sql, sink);
      }
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

  private static void query(Connection connection, String sql, Consumer<Map<String, Object>> sink)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      int columns = meta.getColumnCount();
      String[] names = new String[columns];
      for (int c = 0; c < columns; c++) {
        names[c] = meta.getColumnLabel(c + 1);
      }
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int c = 0; c < columns; c++) {
          row.put(names[c], payloadValue(rs.getObject(c + 1)));
        }
        sink.accept(row);
      }
    }
  }

  /** A JDBC value in a form the payload coercion accepts. */
  private static Object payloadValue(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    // A timestamp without a zone is taken as UTC, as DuckDB and most warehouses store them.
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC).toString();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant().toString();
    }
    return value; // Long, Double, BigDecimal, String, Boolean, null
  }
}
