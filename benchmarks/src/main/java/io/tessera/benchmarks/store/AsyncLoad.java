package io.tessera.benchmarks.store;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives an asynchronous operation with at most {@code concurrency} calls in flight, for a fixed
 * time or a fixed count, and records each call's latency from issue to completion.
 */
final class AsyncLoad {

  /** What one run measured. */
  record Result(long operations, long errors, Duration elapsed, Histogram latencyMicros) {
    double operationsPerSecond() {
      return operations / (elapsed.toNanos() / 1e9);
    }
  }

  private AsyncLoad() {}

  /** Runs {@code operation(i)} for i = 0, 1, ... until {@code duration} has passed. */
  static Result forDuration(
      int concurrency, Duration duration, LongFunction<CompletionStage<?>> operation)
      throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    return run(concurrency, i -> System.nanoTime() < deadline, operation);
  }

  /** Runs {@code operation(i)} for i = 0 .. count-1. */
  static Result forCount(int concurrency, long count, LongFunction<CompletionStage<?>> operation)
      throws InterruptedException {
    return run(concurrency, i -> i < count, operation);
  }

  private interface Continue {
    boolean test(long index);
  }

  private static Result run(
      int concurrency, Continue more, LongFunction<CompletionStage<?>> operation)
      throws InterruptedException {
    Histogram latency = new ConcurrentHistogram(Duration.ofSeconds(60).toNanos() / 1000, 3);
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long issued = 0;
    while (more.test(issued)) {
      inFlight.acquire();
      long issuedAt = System.nanoTime();
      operation
          .apply(issued)
          .whenComplete(
              (ok, failure) -> {
                latency.recordValue(Math.max(1, (System.nanoTime() - issuedAt) / 1000));
                if (failure != null) {
                  errors.incrementAndGet();
                }
                inFlight.release();
              });
      issued++;
    }
    inFlight.acquire(concurrency);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Result(issued, errors.get(), elapsed, latency);
  }
}
