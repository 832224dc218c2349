package io.tessera.serving.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileRow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's circuit breaker, as serving configures it, over a store that fails the way the test
 * says: only store faults open it.
 */
class ResilientSealedReadsTest {

  private static final EntityRef ENTITY = new EntityRef("view_v1", "u1");

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final CircuitBreaker circuit =
      CircuitBreaker.of(
          "store", StoreFaults.circuitBreakerConfig(50, 20, 10, Duration.ofMinutes(1), 2));

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private ResilientSealedReads over(Supplier<Throwable> failure) {
    SealedRowReads failing =
        new SealedRowReads() {
          @Override
          public CompletionStage<List<TileRow>> readTiles(
              EntityRef entity, long resolutionMs, long fromMs, long toMs) {
            return failure.get() == null
                ? new CompletableFuture<>() // never answers
                : CompletableFuture.failedFuture(failure.get());
          }

          @Override
          public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
            return CompletableFuture.failedFuture(failure.get());
          }
        };
    return new ResilientSealedReads(
        failing,
        new StoreCallGuard(
            Bulkhead.of("store", BulkheadConfig.custom().maxConcurrentCalls(1_000).build()),
            circuit,
            TimeLimiter.of(
                TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(20)).build()),
            timer));
  }

  private void call(ResilientSealedReads reads, int times) {
    for (int i = 0; i < times; i++) {
      try {
        reads.readTiles(ENTITY, 60_000, 0, 60_000).toCompletableFuture().join();
      } catch (RuntimeException expected) {
        // every call fails; the circuit decides what it counts
      }
    }
  }

  @Test
  void queriesTheStoreRefusesAsInvalidNeverOpenTheCircuit() {
    // What Cassandra answers to an entity key over its 64 KB limit: the request's fault.
    call(
        over(() -> new InvalidQueryException(null, "Key length of 70000 is longer than 65535")),
        50);

    assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void callerMistakesAndCancelledCallsNeverOpenTheCircuit() {
    call(over(() -> new IllegalArgumentException("from > to")), 25);
    call(over(CancellationException::new), 25);

    assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void storeTimeoutsOpenTheCircuit() {
    call(over(() -> new DriverTimeoutException("PT0.25S")), 10);

    assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void unreachableOrOverloadedStoresOpenTheCircuit() {
    call(over(() -> new NoNodeAvailableException()), 5);
    call(over(() -> new ReadTimeoutException(null, ConsistencyLevel.ONE, 0, 1, false)), 5);

    assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void callsTheTimeLimiterCutOffOpenTheCircuit() {
    call(over(() -> null), 10);

    assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
  }
}
