package io.tessera.batch.read;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a result and how each value becomes a payload value, in the forms the view's
 * coercion accepts, as ingest meets them in decoded payloads: whole numbers as {@code Long},
 * floating point as {@code Double}, timestamps as ISO-8601 text in UTC; text, booleans, decimals
 * and nulls as they are. CSV columns arrive as text (what a CSV file holds; the schema's coercion
 * parses them as ingest parses text payloads).
 */
final class PayloadColumns {

  private final String[] names;
  private final boolean[] zoned;

  private PayloadColumns(String[] names, boolean[] zoned) {
    this.names = names;
    this.zoned = zoned;
  }

  static PayloadColumns of(ResultSetMetaData meta) throws SQLException {
    int count = meta.getColumnCount();
    String[] names = new String[count];
    boolean[] zoned = new boolean[count];
    for (int c = 0; c < count; c++) {
      names[c] = meta.getColumnLabel(c + 1);
      zoned[c] = withTimeZone(meta.getColumnType(c + 1), meta.getColumnTypeName(c + 1));
    }
    return new PayloadColumns(names, zoned);
  }

  /** The current row of {@code rs}, column name to payload value. */
  Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> row = new HashMap<>(names.length * 2);
    for (int c = 0; c < names.length; c++) {
      row.put(names[c], payloadValue(rs.getObject(c + 1), zoned[c]));
    }
    return row;
  }

  /**
   * Whether a column holds instants rather than wall-clock times. PostgreSQL's driver reports a
   * {@code timestamptz} as {@link Types#TIMESTAMP} and returns a {@link Timestamp} of the right
   * instant, which must not be read as a wall-clock time.
   */
  private static boolean withTimeZone(int type, String typeName) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    return type == Types.TIMESTAMP_WITH_TIMEZONE
        || name.equals("timestamptz")
        || name.contains("with time zone");
  }

  /** A JDBC value in a form the payload coercion accepts. */
  static Object payloadValue(Object value, boolean zoned) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Timestamp timestamp) {
      // A timestamp without a zone is taken as UTC, as DuckDB and most warehouses store them.
      return zoned
          ? timestamp.toInstant().toString()
          : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC).toString();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant().toString();
    }
    // a date (a hive partition's date=2024-01-02, a DATE column) as ISO-8601 text, like a timestamp
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    return value; // Long, Double, BigDecimal, String, Boolean, null
  }
}
