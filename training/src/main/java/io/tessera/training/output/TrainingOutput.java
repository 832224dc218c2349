package io.tessera.training.output;

import io.tessera.engine.function.CapExceeded;
import io.tessera.training.spine.FileFormat;
import io.tessera.training.spine.SpineTable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The job's output: feature values are appended, in whatever order the sweep finishes them, to a
 * DuckDB table {@code features} keyed by spine row; at the end the spine (every column) is joined
 * back on its row and written in spine order as CSV or Parquet, to a temporary file moved into
 * place.
 */
public final class TrainingOutput implements AutoCloseable {
  private final Connection duck;
  private final List<FeatureColumn> columns;
  private final DuckDBAppender appender;
  private boolean closed;

  public TrainingOutput(Connection duck, List<FeatureColumn> columns) throws SQLException {
    this.duck = duck;
    this.columns = columns;
    StringBuilder ddl = new StringBuilder("CREATE TABLE features (_row BIGINT");
    for (FeatureColumn column : columns) {
      ddl.append(", ").append(SpineTable.ident(column.name())).append(' ').append(column.sqlType());
    }
    try (Statement statement = duck.createStatement()) {
      statement.execute(ddl.append(')').toString());
    }
    this.appender =
        duck.unwrap(DuckDBConnection.class)
            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "features");
  }

  /** Appends one spine row's values, in column order. */
  public void write(int row, Object[] values) throws SQLException {
    appender.beginRow();
    appender.append((long) row);
    for (int c = 0; c < values.length; c++) {
      append(values[c], columns.get(c).sqlType());
    }
    appender.endRow();
  }

  private void append(Object value, String sqlType) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else if (value instanceof Collection<?> list) {
      appender.append(list);
    } else if (sqlType.equals("BIGINT")) {
      if (value instanceof Long whole) {
        appender.append(whole.longValue());
      } else {
        // CapExceeded (count_distinct over its cap) and a long sum past 64 bits have no BIGINT
        // form; null says "not a number we can give", documented in docs/training.md.
        appender.appendNull();
      }
    } else if (value instanceof Double number) {
      appender.append(number.doubleValue());
    } else if (value instanceof Long whole && sqlType.equals("DOUBLE")) {
      appender.append(whole.doubleValue());
    } else if (value instanceof Boolean flag) {
      appender.append(flag.booleanValue());
    } else if (value instanceof CapExceeded) {
      appender.appendNull();
    } else {
      appender.append(value.toString());
    }
  }

  /** Joins the spine back and writes {@code target}; the file appears only once complete. */
  public void finish(OutputTarget target) throws SQLException, IOException {
    close();
    Path file = target.path().toAbsolutePath();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Path temporary = target.partialPath();
    String options =
        target.format() == FileFormat.CSV ? "FORMAT csv, HEADER true" : "FORMAT parquet";
    try (Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT s.*, f.* EXCLUDE (_row) FROM spine s JOIN features f ON s.rowid = f._row"
              + " ORDER BY f._row) TO "
              + SpineTable.quote(temporary.toString())
              + " ("
              + options
              + ")");
    }
    if (!target.overwrite() && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      // appeared since the request was accepted (a rename would replace it silently)
      throw new FileAlreadyExistsException(file.toString(), null, "not replaced: overwrite is off");
    }
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws SQLException {
    if (!closed) {
      closed = true;
      appender.close();
    }
  }
}
