package io.tessera.training.spine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A spine loaded into a job's DuckDB database as table {@code spine} (file order is insertion
 * order, so {@code rowid} is the row's position), checked, and its key and time columns extracted.
 * The output joins the features back on {@code rowid}, so every spine column (labels included)
 * reaches the output unchanged.
 */
public final class SpineTable {
  /** Problems listed in a rejection; the rest are counted. */
  private static final int MAX_LISTED_PROBLEMS = 20;

  private SpineTable() {}

  /**
   * Loads {@code file} and returns its rows.
   *
   * @param keyColumns each key column with the view that needs it (for messages)
   * @throws SpineException listing every problem found (up to a bound)
   */
  public static SpineRows load(
      Connection duck,
      Path file,
      FileFormat format,
      String timestampColumn,
      Map<String, String> keyColumns)
      throws SQLException {
    try (Statement statement = duck.createStatement()) {
      statement.execute(
          "CREATE TABLE spine AS SELECT * FROM " + format.readFunction(quote(file.toString())));
    } catch (SQLException e) {
      throw new SpineException(List.of("the spine file cannot be read: " + firstLine(e)));
    }
    Map<String, String> types = columnTypes(duck);
    List<String> problems = new ArrayList<>();
    keyColumns.forEach(
        (column, view) -> {
          if (!types.containsKey(column)) {
            problems.add(
                "the spine has no column '" + column + "' (a key column of view '" + view + "')");
          }
        });
    if (!types.containsKey(timestampColumn)) {
      problems.add(
          "the spine has no timestamp column '"
              + timestampColumn
              + "' (name another with timestampColumn)");
    }
    if (!problems.isEmpty()) {
      throw new SpineException(problems);
    }
    return rows(duck, List.copyOf(keyColumns.keySet()), timestampColumn, types);
  }

  private static SpineRows rows(
      Connection duck, List<String> keyColumns, String tsColumn, Map<String, String> types)
      throws SQLException {
    String tsType = types.get(tsColumn).toUpperCase(Locale.ROOT);
    boolean tsIsText = tsType.equals("VARCHAR") || tsType.equals("JSON");
    String tsExpr;
    if (tsType.startsWith("TIMESTAMP") || tsType.equals("DATE")) {
      tsExpr = "epoch_ms(CAST(" + ident(tsColumn) + " AS TIMESTAMP))";
    } else if (tsIsText) {
      tsExpr = "CAST(" + ident(tsColumn) + " AS VARCHAR)";
    } else if (tsType.matches("(BIG|SMALL|TINY|U)?INT(EGER)?|HUGEINT|UBIGINT|USMALLINT")) {
      tsExpr = "CAST(" + ident(tsColumn) + " AS BIGINT)";
    } else {
      throw new SpineException(
          List.of(
              "timestamp column '"
                  + tsColumn
                  + "' is "
                  + tsType
                  + "; use ISO-8601 instants, epoch milliseconds or a timestamp type"));
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (String column : keyColumns) {
      sql.append("CAST(").append(ident(column)).append(" AS VARCHAR), ");
    }
    sql.append(tsExpr).append(" FROM spine ORDER BY rowid");
    List<String[]> keys = new ArrayList<>();
    long[] times = new long[16];
    int n = 0;
    List<String> problems = new ArrayList<>();
    int problemCount = 0;
    try (Statement statement = duck.createStatement();
        ResultSet rs = statement.executeQuery(sql.toString())) {
      while (rs.next()) {
        String[] rowKeys = new String[keyColumns.size()];
        for (int c = 0; c < rowKeys.length; c++) {
          rowKeys[c] = rs.getString(c + 1);
          if (rowKeys[c] == null || rowKeys[c].isEmpty()) {
            problemCount++;
            if (problems.size() < MAX_LISTED_PROBLEMS) {
              problems.add("row " + (n + 1) + " has no value for '" + keyColumns.get(c) + "'");
            }
          }
        }
        long t;
        String problem = null;
        if (tsIsText) {
          String text = rs.getString(rowKeys.length + 1);
          t = 0;
          if (text == null) {
            problem = "has no timestamp";
          } else {
            try {
              t = parseTime(text);
            } catch (IllegalArgumentException e) {
              problem = "has timestamp '" + text + "', not an ISO-8601 instant or epoch millis";
            }
          }
        } else {
          t = rs.getLong(rowKeys.length + 1);
          problem = rs.wasNull() ? "has no timestamp" : null;
        }
        if (problem != null) {
          problemCount++;
          if (problems.size() < MAX_LISTED_PROBLEMS) {
            problems.add("row " + (n + 1) + " " + problem);
          }
        }
        if (n == times.length) {
          times = java.util.Arrays.copyOf(times, n * 2);
        }
        times[n++] = t;
        keys.add(rowKeys);
      }
    }
    if (n == 0) {
      throw new SpineException(List.of("the spine has no rows"));
    }
    if (problemCount > problems.size()) {
      problems.add("... and " + (problemCount - problems.size()) + " more problems");
    }
    if (!problems.isEmpty()) {
      throw new SpineException(problems);
    }
    String[][] byColumn = new String[keyColumns.size()][n];
    for (int r = 0; r < n; r++) {
      String[] rowKeys = keys.get(r);
      for (int c = 0; c < rowKeys.length; c++) {
        byColumn[c][r] = rowKeys[c];
      }
    }
    return new SpineRows(keyColumns, byColumn, java.util.Arrays.copyOf(times, n));
  }

  /** An ISO-8601 instant ({@code 2026-03-10T14:37:25.120Z}) or whole epoch milliseconds. */
  private static long parseTime(String text) {
    String trimmed = text.trim();
    if (trimmed.matches("-?\\d+")) {
      return Long.parseLong(trimmed);
    }
    try {
      return Instant.parse(trimmed).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The spine's columns and their DuckDB types, in column order. */
  private static Map<String, String> columnTypes(Connection duck) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement statement = duck.createStatement();
        ResultSet rs = statement.executeQuery("DESCRIBE spine")) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return types;
  }

  /** {@code text} as an SQL string literal. */
  public static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** {@code name} as a quoted SQL identifier. */
  public static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String firstLine(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
