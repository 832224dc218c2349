package io.tessera.aggregation.compact;

import io.tessera.aggregation.consume.Compaction;
import io.tessera.aggregation.consume.DeadLetterPublisher;
import io.tessera.aggregation.consume.EntityState;
import io.tessera.aggregation.consume.EntityStates;
import io.tessera.aggregation.consume.MissingRead;
import io.tessera.aggregation.consume.WatermarkClock;
import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.aggregation.views.ViewRuntime;
import io.tessera.engine.compaction.CompactionResult;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.Tiling;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Drives the engine's {@code Compactor} for the entities this instance owns: every entity with new
 * events as part of the batch that appends them ({@link #absorb}: its log rows, then the tiles that
 * absorb them, so an event is visible in its tiles when the batch is committed), and every other
 * entity every {@code idle-step-interval} until its newest coarsest tile is sealed (the loop runs a
 * pass every {@code compaction-interval}; a pass also finishes what a reload found half written).
 *
 * <p>A step runs against the entity's {@code ResidentEntity} (pending events, metadata, unsealed
 * tiles and the unsealed logged events, in memory), and is applied there at once. The rare read it
 * needs from the store (sealed tiles it builds from, log ranges no longer in memory) is made
 * asynchronously and the step runs again ({@code MissingRead}), so no compaction thread ever waits
 * for Cassandra. Its store writes (the batch's log rows, then tiles, then the metadata when readers
 * plan differently with it; see {@link CassandraTileStore#writeStep}) follow the entity's earlier
 * writes. A pass's writes are left in flight while the loop goes on consuming; an entity is not
 * stepped by a pass until its previous writes are acknowledged, and a batch's step of an entity
 * waits for them, which keeps each entity's writes in order and lets the resident copy evict sealed
 * tiles safely. At most {@code maxStepsInFlight} pass steps are in flight, which bounds the
 * requests queued in the driver. A failed write of a pass reloads its entity from the store at the
 * next pass (logged events its tiles lack are pending again); a failed write of a batch fails the
 * batch, and the loop rewinds.
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
  private final WatermarkClock watermarks;
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
      WatermarkClock watermarks,
      int maxStepsInFlight) {
    this.store = store;
    this.views = views;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.pool = pool;
    this.idleStepInterval = idleStepInterval;
    this.dedupHorizon = dedupHorizon;
    this.watermarks = watermarks;
    this.maxStepsInFlight = maxStepsInFlight;
  }

  @Override
  public void runPass(EntityStates states, long nowMs) {
    if (!failed.isEmpty()) {
      List<EntityRef> reload = List.copyOf(failed);
      failed.removeAll(reload);
      states.reload(reload); // the store is what counts; the log has every appended event
    }
    // The steps are CPU work on the pool; a read they miss is made asynchronously and the step runs
    // again (MissingRead). The pass waits for every step, so none overlaps an append of its entity.
    List<CompletableFuture<?>> steps = new ArrayList<>();
    int room = maxStepsInFlight - inFlight.size();
    for (EntityState state : states.all()) {
      if (steps.size() >= room) {
        break; // the rest stay dirty for the next pass
      }
      boolean due =
          state.isDirty()
              || (nowMs - state.lastStepMs() >= idleStepInterval.toMillis()
                  && streamTimeMoved(state));
      if (due && !state.isWriting()) {
        steps.add(
            CompletableFuture.supplyAsync(() -> stepWhenReadable(state, nowMs, List.of()), pool)
                .thenCompose(step -> step)); // computed; its writes stay in flight
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
  public CompletableFuture<Void> absorb(Map<EntityState, List<Event>> appended, long nowMs) {
    List<CompletableFuture<Void>> written = new ArrayList<>();
    appended.forEach(
        (state, events) -> {
          state.resident().appended(events);
          state.dirty(nowMs);
          written.add(
              state
                  .afterWrites() // a pass's writes of this entity may still be in flight
                  .thenComposeAsync(previous -> stepWhenReadable(state, nowMs, events), pool)
                  .thenCompose(writes -> writes));
        });
    return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new));
  }

  @Override
  public void awaitWrites() {
    for (CompletableFuture<Void> write : List.copyOf(inFlight)) {
      write.exceptionally(e -> null).join();
    }
  }

  /**
   * Runs the step; if it misses a read, reads asynchronously, supplies it and runs it again.
   * Completes when the step is computed and applied in memory, with its store writes.
   */
  private CompletableFuture<CompletableFuture<Void>> stepWhenReadable(
      EntityState state, long nowMs, List<Event> newEvents) {
    try {
      return CompletableFuture.completedFuture(step(state, nowMs, newEvents));
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
                return stepWhenReadable(state, nowMs, newEvents);
              },
              pool);
    }
  }

  /**
   * Whether stream time crossed a finest-tile boundary (of the closed or the sealed time) since the
   * entity's last step: otherwise an idle entity's step would change nothing, and 10,000 idle
   * entities would cost 2,000 empty steps a second.
   */
  private boolean streamTimeMoved(EntityState state) {
    Optional<ViewRuntime> runtime = views.runtime(state.entity().view());
    if (runtime.isEmpty()) {
      return false;
    }
    long streamMs = watermarks.nowMs(state.partition(), state.entity().view());
    long finestMs = runtime.get().spec().resolutions().finestMs();
    return !state.sameBoundaries(
        Tiling.floor(streamMs, finestMs),
        Tiling.floor(streamMs - runtime.get().allowedLatenessMs(), finestMs));
  }

  /**
   * Computes one step, applies it in memory and starts its writes (after {@code newEvents}' log
   * rows, when there are any), which it returns.
   */
  private CompletableFuture<Void> step(EntityState state, long nowMs, List<Event> newEvents) {
    EntityRef entity = state.entity();
    Optional<ViewRuntime> found = views.runtime(entity.view());
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    ViewRuntime runtime = found.get();
    // Tiles close and seal by the view's watermark (see WatermarkClock); pending events are
    // absorbed into the
    // open minute tiles whatever it is, so freshness does not wait for it.
    long streamMs = watermarks.nowMs(state.partition(), state.entity().view());
    long sealBeforeMs = streamMs - runtime.allowedLatenessMs();
    long finestMs = runtime.spec().resolutions().finestMs();
    long startNs = System.nanoTime();
    CompactionResult result =
        runtime.compactor().step(state.resident(), entity, streamMs, sealBeforeMs);
    state.steppedWith(Tiling.floor(streamMs, finestMs), Tiling.floor(sealBeforeMs, finestMs));
    if (state.isDirty()) {
      metrics.compactionDelay(nowMs - state.dirtySinceMs());
    }
    result.apply(state.resident(), entity);
    boolean withMeta = state.takeMetaWrite(result.meta());
    if (newEvents.isEmpty() && result.tiles().isEmpty() && !withMeta) {
      state.compacted(nowMs, CompletableFuture.completedFuture(null)); // an idle step: no change
      return CompletableFuture.completedFuture(null);
    }
    // A too-late event is not absorbed, so it is not logged either: a sealed tile stays equal to
    // the recomputation from the log.
    List<Event> toLog = new ArrayList<>(newEvents);
    toLog.removeAll(result.tooLate());
    CompletableFuture<Void> writes =
        store
            .writeLog(entity, toLog)
            .thenCompose(logged -> store.writeStep(entity, result, withMeta))
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
    return writes;
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
