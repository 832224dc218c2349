package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Asynchronous execution helpers: every page of a query, and unlogged single-partition batches. */
final class AsyncRows {

  /**
   * Statements per unlogged batch: keeps a batch well under Cassandra's 50 KiB failure threshold
   * for typical event rows, while still saving most round trips.
   */
  static final int MAX_BATCH_STATEMENTS = 50;

  private AsyncRows() {}

  /** Every row of the query (all pages), mapped. */
  static <T> CompletionStage<List<T>> all(
      CqlSession session, Statement<?> statement, Function<Row, T> mapper) {
    List<T> out = new ArrayList<>();
    return session.executeAsync(statement).thenCompose(page -> drain(page, mapper, out));
  }

  private static <T> CompletionStage<List<T>> drain(
      AsyncResultSet page, Function<Row, T> mapper, List<T> out) {
    for (Row row : page.currentPage()) {
      out.add(mapper.apply(row));
    }
    if (page.hasMorePages()) {
      return page.fetchNextPage().thenCompose(next -> drain(next, mapper, out));
    }
    return CompletableFuture.completedFuture(out);
  }

  /**
   * Writes statements that all target ONE partition as unlogged batches (atomic and isolated per
   * partition in Cassandra, and one round trip per batch). Never mix partitions here.
   */
  static CompletableFuture<Void> writePartition(
      WriteAdmission writes, List<? extends BatchableStatement<?>> statements) {
    List<CompletableFuture<?>> done = new ArrayList<>();
    for (int from = 0; from < statements.size(); from += MAX_BATCH_STATEMENTS) {
      List<? extends BatchableStatement<?>> chunk =
          statements.subList(from, Math.min(statements.size(), from + MAX_BATCH_STATEMENTS));
      Statement<?> statement =
          chunk.size() == 1
              ? chunk.get(0)
              : BatchStatement.newInstance(BatchType.UNLOGGED)
                  .addAll(chunk)
                  .setIdempotent(true)
                  .setConsistencyLevel(chunk.get(0).getConsistencyLevel());
      done.add(writes.execute(statement));
    }
    return allOf(done);
  }

  /**
   * Writes rows of one kind through {@code insert}: the rows of each partition as unlogged batches
   * ({@link #writePartition}), all partitions in parallel.
   */
  static CompletableFuture<Void> writeByPartition(
      WriteAdmission writes,
      PreparedStatement insert,
      List<SealedRow> rows,
      ConsistencyLevel consistency) {
    Map<List<Object>, List<BoundStatement>> byPartition = new LinkedHashMap<>();
    for (SealedRow row : rows) {
      byPartition
          .computeIfAbsent(row.partitionKey(), p -> new ArrayList<>())
          .add(
              insert
                  .bind(row.values().toArray())
                  .setIdempotent(true)
                  .setConsistencyLevel(consistency));
    }
    List<CompletableFuture<Void>> done = new ArrayList<>();
    byPartition.values().forEach(batch -> done.add(writePartition(writes, batch)));
    return allOf(done);
  }

  static CompletableFuture<Void> allOf(List<? extends CompletableFuture<?>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
  }
}
