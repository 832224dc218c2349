package io.tessera.aggregation.compact;

import io.tessera.aggregation.consume.Compaction;
import io.tessera.aggregation.consume.DeadLetterPublisher;
import io.tessera.aggregation.consume.EntityState;
import io.tessera.aggregation.consume.EntityStates;
import io.tessera.aggregation.consume.MissingRead;
import io.tessera.aggregation.consume.StreamClock;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.aggregation.views.ViewRuntime;
import io.tessera.engine.compaction.CompactionResult;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityMeta;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.storage.CassandraTileStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Drives the engine's {@code Compactor} for the entities this instance owns: every entity with new
 * events on each pass (the loop runs a pass every {@code compaction-interval}, so minute tiles,
 * open ones included, trail appends by about that much), and every other entity every {@code
 * idle-step-interval} until its newest coarsest tile is sealed.
 *
 * <p>A step runs against the entity's {@code ResidentEntity} (pending events, metadata and unsealed
 * tiles in memory), and is applied there at once. The rare read it needs from the store (the log of
 * the minutes it seals, sealed tiles it builds from) is made asynchronously and the step runs again
 * ({@code MissingRead}), so no compaction thread ever waits for Cassandra. Its store writes (tiles,
 * then metadata with the pending deletion, see {@link CassandraTileStore#applyAsync}) are left in
 * flight: the loop goes on consuming while they complete. An entity is not stepped again until its
 * previous step's writes are acknowledged, which keeps each entity's writes in order and lets the
 * resident copy evict sealed tiles safely. At most {@code maxStepsInFlight} steps are in flight,
 * which bounds the requests queued in the driver. A failed write poisons the runner: the next pass
 * throws, and the loop reloads every entity from the store (the offsets are committed after the
 * appends, which do not depend on compaction, so nothing is lost: the pending rows stay).
 */
public final class CompactionRunner implements Compaction {
  private static final System.Logger LOG = System.getLogger(CompactionRunner.class.getName());

  private final CassandraTileStore store;
  private final ViewCatalog views;
  private final DeadLetterPublisher deadLetters;
  private final AggregationMetrics metrics;
  private final ExecutorService pool;
  private final Duration idleStepInterval;
  private final Duration dedupHorizon;
  private final StreamClock streamClock;
  private final int maxStepsInFlight;
  private final Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();

  /** Entities whose step writes failed: their memory is ahead of the store until reloaded. */
  private final Set<EntityRef> failed = ConcurrentHashMap.newKeySet();

  public CompactionRunner(
      CassandraTileStore store,
      ViewCatalog views,
      DeadLetterPublisher deadLetters,
      AggregationMetrics metrics,
      ExecutorService pool,
      Duration idleStepInterval,
      Duration dedupHorizon,
      StreamClock streamClock,
      int maxStepsInFlight) {
    this.store = store;
    this.views = views;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.pool = pool;
    this.idleStepInterval = idleStepInterval;
    this.dedupHorizon = dedupHorizon;
    this.streamClock = streamClock;
    this.maxStepsInFlight = maxStepsInFlight;
  }

  @Override
  public void runPass(EntityStates states, long nowMs) {
    if (!failed.isEmpty()) {
      List<EntityRef> reload = List.copyOf(failed);
      failed.removeAll(reload);
      states.reload(reload); // the store is what counts; the pending rows are still there
    }
    // The steps are CPU work on the pool; a read they miss is made asynchronously and the step runs
    // again (MissingRead). The pass waits for every step, so none overlaps an append of its entity.
    List<CompletableFuture<Void>> steps = new ArrayList<>();
    int room = maxStepsInFlight - inFlight.size();
    for (EntityState state : states.all()) {
      if (steps.size() >= room) {
        break; // the rest stay dirty for the next pass
      }
      boolean due = state.isDirty() || nowMs - state.lastStepMs() >= idleStepInterval.toMillis();
      if (due && !state.isWriting()) {
        steps.add(
            CompletableFuture.supplyAsync(() -> stepWhenReadable(state, nowMs), pool)
                .thenCompose(step -> step));
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

  @Override
  public void awaitWrites() {
    for (CompletableFuture<Void> write : List.copyOf(inFlight)) {
      write.exceptionally(e -> null).join();
    }
  }

  /** Runs the step; if it misses a read, reads asynchronously, supplies it and runs it again. */
  private CompletableFuture<Void> stepWhenReadable(EntityState state, long nowMs) {
    try {
      step(state, nowMs);
      return CompletableFuture.completedFuture(null);
    } catch (MissingRead missing) {
      MissingRead.Range range = missing.range();
      EntityRef entity = state.entity();
      CompletionStage<? extends List<?>> read =
          range.kind() == MissingRead.Kind.TILES
              ? store.reads().readTiles(entity, range.resolutionMs(), range.fromMs(), range.toMs())
              : store.reads().readEvents(entity, range.fromMs(), range.toMs());
      return read.toCompletableFuture()
          .thenComposeAsync(
              rows -> {
                state.resident().supply(range, rows);
                return stepWhenReadable(state, nowMs);
              },
              pool);
    }
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
    EntityMeta before = state.meta();
    boolean hadPending = state.pendingEvents() > 0;
    CompactionResult result =
        runtime
            .compactor()
            .step(state.resident(), entity, streamMs, streamMs - runtime.allowedLatenessMs());
    if (state.isDirty()) {
      metrics.compactionDelay(nowMs - state.dirtySinceMs());
    }
    result.apply(state.resident(), entity);
    if (result.tiles().isEmpty() && !hadPending && result.meta().equals(before)) {
      state.compacted(nowMs, CompletableFuture.completedFuture(null)); // an idle step: no change
      return;
    }
    CompletableFuture<Void> writes =
        store
            .applyAsync(entity, result)
            .thenCompose(done -> deadLetter(entity, runtime, result.tooLate(), nowMs))
            .whenComplete(
                (done, error) -> {
                  metrics.compactionWrite(System.nanoTime() - startNs);
                  if (error != null) {
                    LOG.log(Level.WARNING, "compaction write failed; reloading " + entity, error);
                    failed.add(entity);
                  }
                });
    inFlight.add(writes);
    writes.whenComplete((done, error) -> inFlight.remove(writes));
    state.compacted(nowMs, writes);
  }

  /**
   * The appender rejects too-late events before they are pending; this catches a race with sealing,
   * so that nothing is dropped silently.
   */
  private CompletableFuture<Void> deadLetter(
      EntityRef entity, ViewRuntime runtime, List<Event> tooLate, long nowMs) {
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (Event event : tooLate) {
      sends.add(deadLetters.send(tooLate(entity, runtime, event, nowMs)));
    }
    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
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
