package io.tessera.aggregation.consume;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.storage.AppendState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the writer keeps in memory for one entity it owns: its pending events, metadata, unsealed
 * tiles and unsealed logged events ({@link ResidentEntity}; it is the only writer, so its copy is
 * current), the ids of recent events for de-duplication without a read, what the store holds of its
 * metadata, and what compaction still has to do. Touched by the loop thread, and by one compaction
 * task at a time while the loop waits for it.
 */
public final class EntityState {

  /** How far the de-duplication horizon moves before the ids behind it are swept. */
  private static final long FORGET_STRIDE_MS = 5_000;

  final EntityRef entity;
  final int partition;
  final ResidentEntity resident;

  /** Ids of events with event time at or after {@link #idsFromMs} (and of newer appends). */
  final Map<String, Long> eventTimesById;

  long idsFromMs;
  long newestEventTimeMs;

  /** When the oldest event not yet in a tile was appended; -1 when none is. */
  long dirtySinceMs = -1;

  long lastStepMs;

  /**
   * The finest-tile boundaries at or before the closed and the sealed time of the last step: a step
   * depends on those times only through them (every resolution is a multiple of the finest).
   */
  private long lastClosedBoundaryMs = Long.MIN_VALUE;

  private long lastSealBoundaryMs = Long.MIN_VALUE;

  /** The store writes of the last compaction step; the next step waits until they are done. */
  private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

  /** The metadata as last written to the store (or loaded from it). */
  private EntityMeta storedMeta;

  /** Whether the store holds pending rows (of a pending-protocol writer) to delete. */
  private boolean storedPending;

  EntityState(
      EntityRef entity,
      int partition,
      AppendState loaded,
      List<Long> resolutionsMs,
      TileStore store) {
    this.entity = entity;
    this.partition = partition;
    this.storedMeta = loaded.head().meta();
    this.storedPending = !loaded.head().pending().isEmpty();
    this.resident =
        new ResidentEntity(
            entity,
            LogReconciliation.reconcile(
                loaded.head(), loaded.logged(), loaded.tiles(), resolutionsMs),
            loaded.tiles(),
            resolutionsMs,
            store,
            loaded.loggedFromMs(),
            loaded.logged());
    this.eventTimesById = new HashMap<>();
    loaded.logged().forEach(event -> eventTimesById.put(event.eventId(), event.eventTimeMs()));
    this.idsFromMs = loaded.loggedFromMs();
    long newest = loaded.loggedFromMs(); // its newest event is older, or it has none (MIN_VALUE)
    for (long time : eventTimesById.values()) {
      newest = Math.max(newest, time);
    }
    this.newestEventTimeMs = newest;
    if (resident.pendingCount() > 0) {
      this.dirtySinceMs = System.currentTimeMillis();
    }
  }

  public EntityRef entity() {
    return entity;
  }

  public int partition() {
    return partition;
  }

  public EntityMeta meta() {
    return resident.meta();
  }

  /** The entity as the compactor sees it: reads from memory, writes kept in memory. */
  public ResidentEntity resident() {
    return resident;
  }

  /** Marks new events, appended at {@code nowMs}, as not yet in a tile. */
  public void dirty(long nowMs) {
    if (dirtySinceMs < 0) {
      dirtySinceMs = nowMs;
    }
  }

  /**
   * Whether a step that leaves {@code meta} must write it: when what readers plan with changed
   * (built and sealed times, the first event) or stored pending rows are to be deleted. A new
   * covered offset alone is not written: the tiles carry it, and {@link LogReconciliation} restores
   * it on load. Records the answer as written.
   */
  public boolean takeMetaWrite(EntityMeta meta) {
    boolean changed = storedPending || plansDiffer(storedMeta, meta);
    if (changed) {
      storedMeta = meta;
      storedPending = false;
    }
    return changed;
  }

  /** Whether readers plan differently with {@code b} than with {@code a}: all but the offset. */
  static boolean plansDiffer(EntityMeta a, EntityMeta b) {
    return a.firstEventTimeMs() != b.firstEventTimeMs()
        || a.sealedBeforeMs() != b.sealedBeforeMs()
        || !a.builtThroughMsByResolution().equals(b.builtThroughMsByResolution());
  }

  /** The last step's store writes, failed ones as done: what the next step's writes follow. */
  public CompletableFuture<Void> afterWrites() {
    return writes.handle((done, error) -> null);
  }

  /** Records the boundaries a step ran with (see {@link #sameBoundaries}). */
  public void steppedWith(long closedBoundaryMs, long sealBoundaryMs) {
    lastClosedBoundaryMs = closedBoundaryMs;
    lastSealBoundaryMs = sealBoundaryMs;
  }

  /**
   * Whether the last step ran with these boundaries. An entity without new events whose last step
   * did then has nothing to build or seal: the step is a function of its state and these two
   * boundaries, and it already applied its result.
   */
  public boolean sameBoundaries(long closedBoundaryMs, long sealBoundaryMs) {
    return closedBoundaryMs == lastClosedBoundaryMs && sealBoundaryMs == lastSealBoundaryMs;
  }

  public boolean isDirty() {
    return dirtySinceMs >= 0;
  }

  public long dirtySinceMs() {
    return dirtySinceMs;
  }

  public int pendingEvents() {
    return resident.pendingCount();
  }

  public long lastStepMs() {
    return lastStepMs;
  }

  /**
   * After a compaction step at {@code nowMs} (already applied to {@link #resident()}): everything
   * appended so far is in tiles once {@code stepWrites}, the step's store writes, complete.
   */
  public void compacted(long nowMs, CompletableFuture<Void> stepWrites) {
    dirtySinceMs = -1;
    lastStepMs = nowMs;
    writes = stepWrites;
  }

  /** Whether the last step's store writes are still in flight (then it may not step again). */
  public boolean isWriting() {
    return !writes.isDone();
  }

  /**
   * Whether its tiles are final: the coarsest tile holding its newest event is sealed, so nothing
   * but a new event changes it; the writer may then forget the entity.
   */
  public boolean isSettled(long coarsestMs) {
    long sealed = meta().sealedBeforeMs();
    if (newestEventTimeMs == Long.MIN_VALUE) {
      return !isDirty() && !isWriting(); // no event at all: nothing to build or seal
    }
    return !isDirty()
        && !isWriting()
        && sealed != EntityMeta.NO_TIME
        && sealed >= Math.floorDiv(newestEventTimeMs, coarsestMs) * coarsestMs + coarsestMs;
  }

  /**
   * Forgets ids of events older than {@code fromMs}; older ones are then checked in the log. Runs
   * for every entity on every pass, so it only sweeps once the horizon moved by a few seconds.
   */
  public void forgetIdsBefore(long fromMs) {
    if (fromMs > idsFromMs + FORGET_STRIDE_MS) {
      idsFromMs = fromMs;
      eventTimesById.values().removeIf(time -> time < fromMs);
    }
  }
}
