package io.tessera.aggregation.support;

import io.tessera.records.normalized.NormalizedEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * A history of {@link AmountViews} events as a batch table holds it, written to Parquet with
 * DuckDB: one row per delivery (re-deliveries included), columns {@code id, user_id, amount, ts}.
 */
public final class ParquetHistory {
  private ParquetHistory() {}

  /**
   * Writes the events' rows, then {@code withoutEntity} rows with no user id (ids {@code bad0},
   * {@code bad1}...), which a view keyed by user refuses as {@code missing_entity}.
   */
  public static void write(List<NormalizedEvent> events, int withoutEntity, Path file)
      throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute("CREATE TABLE tx (id VARCHAR, user_id VARCHAR, amount DOUBLE, ts BIGINT)");
      try (PreparedStatement insert = duck.prepareStatement("INSERT INTO tx VALUES (?, ?, ?, ?)")) {
        for (NormalizedEvent event : events) {
          insert.setString(1, event.eventId());
          insert.setString(2, (String) event.values().get("user_id"));
          insert.setDouble(3, (Double) event.values().get("amount"));
          insert.setLong(4, event.eventTimeMs());
          insert.addBatch();
        }
        for (int i = 0; i < withoutEntity; i++) {
          insert.setString(1, "bad" + i);
          insert.setNull(2, Types.VARCHAR);
          insert.setDouble(3, 1.0);
          insert.setLong(4, events.get(0).eventTimeMs());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("COPY tx TO '" + file + "' (FORMAT parquet)");
    }
  }
}
