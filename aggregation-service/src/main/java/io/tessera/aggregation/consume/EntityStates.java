package io.tessera.aggregation.consume;

import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.aggregation.views.ViewRuntime;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.store.EntityMeta;
import io.tessera.storage.AppendState;
import io.tessera.storage.CassandraTileStore;
import io.tessera.storage.CompactionSchedule;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The entities this instance writes, loaded from the store (head, the log of the unsealed range and
 * of the de-duplication horizon, unsealed tiles) the first time one is needed after its partition
 * was assigned (the loop waits for the load, so the partition is in effect paused), and dropped
 * when the partition is revoked or the entity is settled. Loading rebuilds what a crash left half
 * written: logged events that no tile absorbed are pending again ({@link LogReconciliation}). Loop
 * thread only.
 */
public final class EntityStates {
  private static final System.Logger LOG = System.getLogger(EntityStates.class.getName());

  private final CassandraTileStore store;
  private final ViewCatalog views;
  private final CompactionSchedule schedule;
  private final String source;
  private final Duration dedupHorizon;
  private final InstantSource clock;
  private final Map<EntityRef, EntityState> states = new HashMap<>();

  /** What the gauges read from other threads: counted on the loop thread by {@link #count}. */
  private volatile int counted;

  private volatile long countedPending;

  public EntityStates(
      CassandraTileStore store,
      ViewCatalog views,
      CompactionSchedule schedule,
      String source,
      Duration dedupHorizon,
      InstantSource clock) {
    this.store = store;
    this.views = views;
    this.schedule = schedule;
    this.source = source;
    this.dedupHorizon = dedupHorizon;
    this.clock = clock;
  }

  public EntityState get(EntityRef entity) {
    return states.get(entity);
  }

  /**
   * Loads, in parallel, every entity of {@code partitionByEntity} not in memory yet whose view is
   * known (the appender only passes known ones; an unknown view's entities wait for their next
   * event).
   */
  public void ensureLoaded(Map<EntityRef, Integer> partitionByEntity) {
    long nowMs = clock.millis();
    long idsFromMs = nowMs - dedupHorizon.toMillis();
    Map<EntityRef, CompletableFuture<AppendState>> loads = new HashMap<>();
    Map<EntityRef, List<Long>> resolutions = new HashMap<>();
    List<CompletableFuture<Void>> scheduled = new ArrayList<>();
    partitionByEntity.forEach(
        (entity, partition) -> {
          Optional<ViewRuntime> runtime = views.runtime(entity.view());
          if (states.containsKey(entity)) {
            return;
          }
          if (runtime.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "not loading {0}: its view is unknown", entity);
            return;
          }
          List<Long> resolutionsMs = runtime.get().spec().resolutions().resolutionsMs();
          resolutions.put(entity, resolutionsMs);
          loads.put(
              entity,
              store
                  .openForAppend(
                      entity,
                      meta -> loggedFromMs(meta, idsFromMs),
                      meta -> ResidentEntity.residentFromMs(meta, resolutionsMs))
                  .toCompletableFuture());
          scheduled.add(schedule.add(source, partition, entity, nowMs));
        });
    List<CompletableFuture<?>> all = new ArrayList<>(loads.values());
    all.addAll(scheduled);
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    loads.forEach(
        (entity, load) ->
            states.put(
                entity,
                new EntityState(
                    entity,
                    partitionByEntity.get(entity),
                    load.join(),
                    resolutions.get(entity),
                    store)));
  }

  /**
   * Where the log an entity needs starts: the unsealed range (whose events may still be missing
   * from tiles, and which sealing recomputes from), and the de-duplication horizon. An entity that
   * never sealed needs its whole log.
   */
  private static long loggedFromMs(EntityMeta meta, long idsFromMs) {
    long sealedMs = meta.sealedBeforeMs();
    return sealedMs == EntityMeta.NO_TIME ? Long.MIN_VALUE : Math.min(sealedMs, idsFromMs);
  }

  public Collection<EntityState> all() {
    return states.values();
  }

  public int size() {
    return states.size();
  }

  /** Counts the entities and their pending events for the gauges (loop thread). */
  public void count() {
    counted = states.size();
    countedPending = states.values().stream().mapToLong(EntityState::pendingEvents).sum();
  }

  /** Entities in memory at the last {@link #count}; safe from any thread. */
  public int countedEntities() {
    return counted;
  }

  /** Pending events (appended, not yet in a tile) at the last {@link #count}; any thread. */
  public long countedPending() {
    return countedPending;
  }

  /** Forgets a settled entity here and in the compaction schedule. */
  public CompletableFuture<Void> settle(EntityState state) {
    states.remove(state.entity);
    return schedule.remove(source, state.partition, state.entity);
  }

  /**
   * Loads these entities again from the store (those still in memory; their writes are done):
   * compaction writes of theirs failed, so their memory is ahead of the store.
   */
  public void reload(Collection<EntityRef> entities) {
    Map<EntityRef, Integer> partitions = new HashMap<>();
    for (EntityRef entity : entities) {
      EntityState state = states.remove(entity);
      if (state != null) {
        partitions.put(entity, state.partition);
      }
    }
    ensureLoaded(partitions);
  }

  /** Forgets the entities of revoked partitions (their state lives in the store). */
  public void dropPartitions(Set<Integer> partitions) {
    states.values().removeIf(state -> partitions.contains(state.partition));
  }

  public void clear() {
    states.clear();
  }

  /** Loads the entities the schedule lists for newly assigned partitions (to keep compacting). */
  public void resume(Set<Integer> partitions) {
    Map<EntityRef, Integer> listed = new HashMap<>();
    for (int partition : partitions) {
      for (EntityRef entity : schedule.entities(source, partition).toCompletableFuture().join()) {
        listed.put(entity, partition);
      }
    }
    ensureLoaded(listed);
  }
}
