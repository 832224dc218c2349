package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Lets at most {@link #limit} writes of one store be in the driver at once and queues the rest
 * here, in order, with no clock running.
 *
 * <p>Why: the driver's request timeout counts a request's wait in the driver's own throttler queue.
 * A seal hands the store a row per entity it seals (a minute of 100,000 entities is tens of
 * thousands of writes at once), so the tail of that burst timed out while Cassandra was merely
 * busy, and a timed-out write job restarts its partition from the checkpoint: more load, not less
 * (seen at 30,000 events/s: a replay of a whole partition). Queued here, a write's timeout measures
 * Cassandra alone, and the burst drains at the rate Cassandra takes it. Reads are not queued: a
 * read that waits too long should fail (serving's guard decides), not wait.
 *
 * <p>Thread-safe; writes complete on the driver's threads, which start the next queued ones.
 */
final class WriteAdmission {
  /**
   * Writes in flight per store: enough to keep one node's write path and the connection busy (a
   * write is a batch of up to {@link AsyncRows#MAX_BATCH_STATEMENTS} rows), far below the
   * connection's 1,024 and the throttler's 512, so the store's writes never wait in the driver.
   */
  static final int DEFAULT_LIMIT = 64;

  private final Function<Statement<?>, CompletionStage<AsyncResultSet>> driver;
  private final int limit;
  private final Queue<Runnable> waiting = new ArrayDeque<>(); // guarded by this
  private int inFlight; // guarded by this
  private boolean draining; // guarded by this

  /**
   * @param driver executes a statement: the session's {@code executeAsync}
   * @param limit how many writes may be in the driver at once
   */
  WriteAdmission(Function<Statement<?>, CompletionStage<AsyncResultSet>> driver, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one write must be let in, was " + limit);
    }
    this.driver = driver;
    this.limit = limit;
  }

  /** Executes {@code statement} once fewer than {@link #limit} writes are in flight. */
  CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
    CompletableFuture<AsyncResultSet> result = new CompletableFuture<>();
    Runnable start =
        () -> {
          try {
            driver
                .apply(statement)
                .whenComplete(
                    (rows, error) -> {
                      finished();
                      if (error != null) {
                        result.completeExceptionally(error);
                      } else {
                        result.complete(rows);
                      }
                    });
          } catch (RuntimeException e) { // a closed session throws instead of failing the stage
            finished();
            result.completeExceptionally(e);
          }
        };
    synchronized (this) {
      waiting.add(start);
    }
    startAdmitted();
    return result;
  }

  /** Writes in flight now (tests and gauges). */
  synchronized int inFlight() {
    return inFlight;
  }

  private void finished() {
    synchronized (this) {
      inFlight--;
    }
    startAdmitted();
  }

  /**
   * Starts queued writes while there is room, outside the lock (a write may complete, and call
   * {@link #finished}, on this very thread). One thread at a time drains: a write completing inline
   * leaves the rest to the loop already running instead of recursing once per queued write. Taking
   * the next write, counting it and ending the drain happen under one lock, so a write queued or
   * finished meanwhile is always seen by a drain.
   */
  private void startAdmitted() {
    synchronized (this) {
      if (draining) {
        return;
      }
      draining = true;
    }
    Runnable next;
    while ((next = admitNext()) != null) {
      next.run();
    }
  }

  private synchronized Runnable admitNext() {
    if (inFlight >= limit || waiting.isEmpty()) {
      draining = false;
      return null;
    }
    inFlight++;
    return waiting.poll();
  }
}
