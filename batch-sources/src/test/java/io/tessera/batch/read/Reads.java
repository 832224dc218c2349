package io.tessera.batch.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tessera.batch.access.BatchSourceAccess;
import io.tessera.definitions.view.BatchSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What the reading tests share: reading a source whole, expected rows, a sink that gives up. */
final class Reads {

  private Reads() {}

  static List<Map<String, Object>> all(BatchSource source, BatchSourceAccess access)
      throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    BatchRows.read("v", source, access, rows::add);
    return rows;
  }

  /** A row from name, value pairs; values may be null. */
  static Map<String, Object> row(Object... namesAndValues) {
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      row.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return row;
  }

  /**
   * Reads {@code endless} with a sink that throws at row {@code rows}, and checks the exception
   * reaches the caller within seconds, after exactly that many rows: only a streamed read gets
   * there, a materialized one would first compute (and hold) the whole source.
   */
  static void assertStopsWhenTheSinkThrows(
      BatchSource endless, BatchSourceAccess access, long rows) {
    AtomicLong seen = new AtomicLong();

    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () ->
            assertThatThrownBy(
                    () ->
                        BatchRows.read(
                            "v",
                            endless,
                            access,
                            row -> {
                              if (seen.incrementAndGet() == rows) {
                                throw new IllegalStateException("enough");
                              }
                            }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("enough"));
    assertThat(seen.get()).isEqualTo(rows);
  }
}
