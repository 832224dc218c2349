package io.tessera.serving.store;

import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Which failures of a store call say the store is unwell, and so count for the circuit breaker.
 *
 * <p>A store fault is a call that timed out (the time limiter's {@link TimeoutException}), a driver
 * failure to reach or hear from the store (no node, connection closed, server timeouts, unavailable
 * replicas, overload, server errors) or an I/O error. Not a store fault, and so neither a failure
 * nor a success: the store refusing a query as invalid ({@link QueryValidationException}, such as
 * an entity key over Cassandra's 64 KB key limit), an argument the caller got wrong, a call the
 * caller cancelled. Those are a client's bad request: counted as failures, a flood of them opened
 * the circuit and made every value {@code unavailable} for every client.
 */
public final class StoreFaults {

  private StoreFaults() {}

  /** Whether {@code failure} (possibly wrapped by a future) is the store's fault. */
  public static boolean isStoreFault(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof TimeoutException || cause instanceof IOException) {
      return true;
    }
    return cause instanceof DriverException && !(cause instanceof QueryValidationException);
  }

  /**
   * The store circuit breaker's configuration: a failure rate over a sliding window of calls, where
   * only {@link #isStoreFault store faults} are failures and every other failure is ignored.
   */
  public static CircuitBreakerConfig circuitBreakerConfig(
      float failureRateThreshold,
      int slidingWindowSize,
      int minimumCalls,
      Duration openDuration,
      int probeCalls) {
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(failureRateThreshold)
        .slidingWindowSize(slidingWindowSize)
        .minimumNumberOfCalls(minimumCalls)
        .waitDurationInOpenState(openDuration)
        .permittedNumberOfCallsInHalfOpenState(probeCalls)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .recordException(StoreFaults::isStoreFault)
        .ignoreException(failure -> !isStoreFault(failure))
        .build();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
