package io.tessera.aggregation.compact;

import io.tessera.aggregation.consume.DeadLetterPublisher;
import io.tessera.aggregation.consume.EntityState;
import io.tessera.aggregation.consume.EntityStates;
import io.tessera.aggregation.consume.StreamClock;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.aggregation.views.ViewRuntime;
import io.tessera.engine.compaction.CompactionResult;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.storage.CassandraTileStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Drives the engine's {@code Compactor} for the entities this instance owns: every entity with new
 * events on each pass (the loop runs a pass every {@code compaction-interval}, so minute tiles,
 * open ones included, trail appends by about that much), and every other entity every {@code
 * idle-step-interval} until its newest coarsest tile is sealed. Steps of different entities run in
 * parallel on a small pool; the loop waits for the pass, so a step never overlaps an append of its
 * entity.
 *
 * <p>A step's writes are applied in the engine's order: all tiles (in parallel), then metadata,
 * then the pending deletion; a crash between them is repaired by the next step (tiles say what they
 * cover, so re-absorbing is idempotent).
 */
public final class CompactionRunner {
  private final CassandraTileStore store;
  private final ViewCatalog views;
  private final DeadLetterPublisher deadLetters;
  private final AggregationMetrics metrics;
  private final ExecutorService pool;
  private final Duration idleStepInterval;
  private final Duration dedupHorizon;
  private final StreamClock streamClock;

  public CompactionRunner(
      CassandraTileStore store,
      ViewCatalog views,
      DeadLetterPublisher deadLetters,
      AggregationMetrics metrics,
      ExecutorService pool,
      Duration idleStepInterval,
      Duration dedupHorizon,
      StreamClock streamClock) {
    this.store = store;
    this.views = views;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.pool = pool;
    this.idleStepInterval = idleStepInterval;
    this.dedupHorizon = dedupHorizon;
    this.streamClock = streamClock;
  }

  /** One pass at {@code nowMs}; returns when every step it started is applied. */
  public void runPass(EntityStates states, long nowMs) {
    List<CompletableFuture<Void>> steps = new ArrayList<>();
    for (EntityState state : states.all()) {
      if (state.isDirty() || nowMs - state.lastStepMs() >= idleStepInterval.toMillis()) {
        steps.add(CompletableFuture.runAsync(() -> step(state, nowMs), pool));
      }
    }
    CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)).join();
    List<CompletableFuture<Void>> forgotten = new ArrayList<>();
    for (EntityState state : List.copyOf(states.all())) {
      state.forgetIdsBefore(nowMs - dedupHorizon.toMillis());
      Optional<ViewRuntime> runtime = views.runtime(state.entity().view());
      if (runtime.isPresent() && state.isSettled(runtime.get().spec().resolutions().coarsestMs())) {
        forgotten.add(states.settle(state));
      }
    }
    CompletableFuture.allOf(forgotten.toArray(CompletableFuture[]::new)).join();
  }

  private void step(EntityState state, long nowMs) {
    EntityRef entity = state.entity();
    Optional<ViewRuntime> found = views.runtime(entity.view());
    if (found.isEmpty()) {
      return;
    }
    ViewRuntime runtime = found.get();
    // Tiles close and seal by stream time (see StreamClock); pending events are absorbed into the
    // open minute tiles whatever it is, so freshness does not wait for it.
    long streamMs = streamClock.nowMs(state.partition());
    long startNs = System.nanoTime();
    if (state.isDirty()) {
      metrics.compactionDelay(nowMs - state.dirtySinceMs());
    }
    CompactionResult result =
        runtime.compactor().step(store, entity, streamMs, streamMs - runtime.allowedLatenessMs());
    store.writeTilesAsync(entity, result.tiles()).join();
    store.writeMeta(entity, result.meta());
    store.deletePending(entity, result.deletePendingThroughOffset());
    for (Event event : result.tooLate()) {
      // The appender rejects too-late events before they are pending; this catches a race with
      // sealing, so that nothing is dropped silently.
      deadLetters.send(tooLate(entity, runtime, event, nowMs)).join();
    }
    state.compacted(result.meta(), nowMs);
    metrics.compactionWrite(System.nanoTime() - startNs);
  }

  private static DeadLetter tooLate(
      EntityRef entity, ViewRuntime runtime, Event event, long nowMs) {
    NormalizedEvent original =
        new NormalizedEvent(
            entity.view(),
            runtime.version(),
            entity.entityKey(),
            event.eventTimeMs(),
            event.eventId(),
            nowMs,
            event.values());
    return DeadLetter.of(
        DeadLetterReason.TOO_LATE,
        "pending event fell into a tile sealed before it was compacted",
        entity.view(),
        runtime.version(),
        new SourcePosition("normalized", "pending", "", Long.toString(event.offset())),
        nowMs,
        NormalizedEventCodec.encode(original));
  }
}
