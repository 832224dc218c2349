package io.tessera.serving.store;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Every store call bounded three ways: a bulkhead (at most so many calls in flight; more fail at
 * once instead of queueing behind a slow store), a circuit breaker (after enough failures, calls
 * fail at once for a while, then a few probe whether the store is back) and a time limiter (a call
 * that has not answered in time fails). A failed call fails its (entity, view) read, which serving
 * reports as {@code unavailable}.
 */
public final class ResilientTileReads implements AsyncTileReads {
  private final AsyncTileReads store;
  private final Bulkhead bulkhead;
  private final CircuitBreaker circuitBreaker;
  private final TimeLimiter timeLimiter;
  private final ScheduledExecutorService timer;

  public ResilientTileReads(
      AsyncTileReads store,
      Bulkhead bulkhead,
      CircuitBreaker circuitBreaker,
      TimeLimiter timeLimiter,
      ScheduledExecutorService timer) {
    this.store = store;
    this.bulkhead = bulkhead;
    this.circuitBreaker = circuitBreaker;
    this.timeLimiter = timeLimiter;
    this.timer = timer;
  }

  @Override
  public CompletionStage<EntityHead> readHead(EntityRef entity) {
    return guarded(() -> store.readHead(entity));
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    return guarded(() -> store.readTiles(entity, resolutionMs, fromMs, toMs));
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    return guarded(() -> store.readEvents(entity, fromMs, toMs));
  }

  private <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> call) {
    Supplier<CompletionStage<T>> timed = timeLimiter.decorateCompletionStage(timer, call);
    Supplier<CompletionStage<T>> broken =
        CircuitBreaker.decorateCompletionStage(circuitBreaker, timed);
    return Bulkhead.decorateCompletionStage(bulkhead, broken).get();
  }
}
