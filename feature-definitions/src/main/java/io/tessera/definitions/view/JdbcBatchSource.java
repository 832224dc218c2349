package io.tessera.definitions.view;

import java.util.Objects;
import java.util.Optional;

/**
 * A JDBC table or query. Exactly one of {@code table} and {@code query} is given (validation checks
 * it). Credentials are not part of a definition: the backfill workers hold them.
 *
 * @param url the JDBC URL, such as {@code jdbc:postgresql://db:5432/shop}
 * @param table a table name, read whole
 * @param query a SELECT whose columns are the payload columns
 * @param delayMs see {@link BatchSource#delayMs}
 */
public record JdbcBatchSource(
    String url, Optional<String> table, Optional<String> query, long delayMs)
    implements BatchSource {

  /** A table or query complete up to {@link BatchSource#DEFAULT_DELAY_MS} ago. */
  public JdbcBatchSource(String url, Optional<String> table, Optional<String> query) {
    this(url, table, query, DEFAULT_DELAY_MS);
  }

  public JdbcBatchSource {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(query, "query");
  }
}
