package io.tessera.serving.store;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Bounds one store call three ways: a bulkhead (at most so many calls in flight; more fail at once
 * instead of queueing behind a slow store), a circuit breaker (after enough failures, calls fail at
 * once for a while, then a few probe whether the store is back) and a time limiter (a call that has
 * not answered in time fails). One guard is shared by every decorator of the store serving reads,
 * so both streaming cores' reads count against the same limits.
 */
public final class StoreCallGuard {
  private final Bulkhead bulkhead;
  private final CircuitBreaker circuitBreaker;
  private final TimeLimiter timeLimiter;
  private final ScheduledExecutorService timer;

  public StoreCallGuard(
      Bulkhead bulkhead,
      CircuitBreaker circuitBreaker,
      TimeLimiter timeLimiter,
      ScheduledExecutorService timer) {
    this.bulkhead = bulkhead;
    this.circuitBreaker = circuitBreaker;
    this.timeLimiter = timeLimiter;
    this.timer = timer;
  }

  /** The call, bounded; a refused, failed or late call completes exceptionally. */
  public <T> CompletionStage<T> call(Supplier<CompletionStage<T>> call) {
    Supplier<CompletionStage<T>> timed = timeLimiter.decorateCompletionStage(timer, call);
    Supplier<CompletionStage<T>> broken =
        CircuitBreaker.decorateCompletionStage(circuitBreaker, timed);
    return Bulkhead.decorateCompletionStage(bulkhead, broken).get();
  }
}
