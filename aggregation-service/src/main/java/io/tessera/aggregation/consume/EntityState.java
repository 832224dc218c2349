package io.tessera.aggregation.consume;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.store.EntityMeta;
import io.tessera.storage.AppendState;
import java.util.HashMap;
import java.util.Map;

/**
 * What the writer keeps in memory for one entity it owns: the metadata (it is the only writer, so
 * its copy is current), the ids of recent events for de-duplication without a read, and what
 * compaction still has to do. Touched by the loop thread, and by one compaction task at a time
 * while the loop waits for it.
 */
public final class EntityState {
  final EntityRef entity;
  final int partition;
  EntityMeta meta;

  /** Ids of events with event time at or after {@link #idsFromMs} (and of newer appends). */
  final Map<String, Long> eventTimesById;

  long idsFromMs;
  long newestEventTimeMs;

  /** When the oldest event not yet in a tile was appended; -1 when none is. */
  long dirtySinceMs = -1;

  int pendingEvents;
  long lastStepMs;

  EntityState(EntityRef entity, int partition, AppendState loaded) {
    this.entity = entity;
    this.partition = partition;
    this.meta = loaded.head().meta();
    this.eventTimesById = new HashMap<>(loaded.eventTimesById());
    this.idsFromMs = loaded.idsFromMs();
    long newest = loaded.idsFromMs();
    for (long time : eventTimesById.values()) {
      newest = Math.max(newest, time);
    }
    this.newestEventTimeMs = newest;
    this.pendingEvents = loaded.head().pending().size();
    if (pendingEvents > 0) {
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
    return meta;
  }

  public void meta(EntityMeta meta) {
    this.meta = meta;
  }

  public boolean isDirty() {
    return dirtySinceMs >= 0;
  }

  public long dirtySinceMs() {
    return dirtySinceMs;
  }

  public int pendingEvents() {
    return pendingEvents;
  }

  public long lastStepMs() {
    return lastStepMs;
  }

  /** After a compaction step at {@code nowMs}: everything appended so far is in tiles. */
  public void compacted(EntityMeta newMeta, long nowMs) {
    meta = newMeta;
    dirtySinceMs = -1;
    pendingEvents = 0;
    lastStepMs = nowMs;
  }

  /**
   * Whether its tiles are final: the coarsest tile holding its newest event is sealed, so nothing
   * but a new event changes it; the writer may then forget the entity.
   */
  public boolean isSettled(long coarsestMs) {
    long sealed = meta.sealedBeforeMs();
    return !isDirty()
        && sealed != EntityMeta.NO_TIME
        && sealed >= Math.floorDiv(newestEventTimeMs, coarsestMs) * coarsestMs + coarsestMs;
  }

  /** Forgets ids of events older than {@code fromMs}; older ones are then checked in the log. */
  public void forgetIdsBefore(long fromMs) {
    if (fromMs > idsFromMs) {
      idsFromMs = fromMs;
      eventTimesById.values().removeIf(time -> time < fromMs);
    }
  }
}
