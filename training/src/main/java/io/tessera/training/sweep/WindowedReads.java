package io.tessera.training.sweep;

import io.tessera.engine.plan.ViewValues;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Serving reads at a list of times, in order, with at most {@code window} in flight: each finished
 * read starts the next one on the CPU executor (the read folds the follower's memory before it goes
 * to the store, work that must not run on the driver's I/O threads). The first failure fails the
 * whole load and starts no further read. One use: {@link #start} once.
 */
final class WindowedReads {
  private final long[] timesMs;
  private final LongFunction<CompletableFuture<ViewValues>> read;
  private final int window;
  private final Executor cpu;
  private final ViewValues[] values;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final CompletableFuture<ViewValues[]> result = new CompletableFuture<>();

  /**
   * @param timesMs the times to read at, in the order to read them
   * @param read serving's read at a time
   * @param window reads in flight at most
   */
  WindowedReads(
      long[] timesMs, LongFunction<CompletableFuture<ViewValues>> read, int window, Executor cpu) {
    this.timesMs = timesMs;
    this.read = read;
    this.window = window;
    this.cpu = cpu;
    this.values = new ViewValues[timesMs.length];
  }

  /** Starts the first reads; completes with the values at each time, in the given order. */
  CompletableFuture<ViewValues[]> start() {
    if (timesMs.length == 0) {
      result.complete(values);
      return result;
    }
    for (int lane = 0; lane < Math.min(window, timesMs.length); lane++) {
      pump();
    }
    return result;
  }

  /**
   * Reads the next time; a read that completes at once (every part cached) is taken in the loop, so
   * a long run of cache hits does not recurse.
   */
  private void pump() {
    while (!result.isDone()) {
      int i = next.getAndIncrement();
      if (i >= timesMs.length) {
        return;
      }
      CompletableFuture<ViewValues> answer;
      try {
        answer = read.apply(timesMs[i]);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      if (!answer.isDone()) {
        answer.whenCompleteAsync(
            (done, failure) -> {
              if (take(i, done, failure)) {
                pump();
              }
            },
            cpu);
        return;
      }
      if (!answer.handle((done, failure) -> take(i, done, failure)).join()) {
        return;
      }
    }
  }

  /** Records one answer; false when the load has failed (no further read is started). */
  private boolean take(int i, ViewValues answer, Throwable failure) {
    if (failure != null) {
      result.completeExceptionally(failure);
      return false;
    }
    values[i] = answer;
    if (finished.incrementAndGet() == timesMs.length) {
      result.complete(values); // every write above happens-before this through the counter
    }
    return true;
  }
}
