package io.tessera.aggregation.consume;

import io.tessera.engine.event.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the consumer loop asks of compaction (implemented in {@code compact}): absorbing a batch's
 * new events into tiles, a pass over the owned entities whose store writes may still be in flight
 * when it returns, and a way to wait for them before the in-memory state is dropped or the
 * partitions are handed over.
 */
public interface Compaction {

  /**
   * Absorbs events new for their entities into tiles at once and writes them: per entity the log
   * rows, then, once they are acknowledged, the tiles (and the metadata when it changed). The
   * events are visible to readers when their tiles are written. Each entity's writes follow its
   * earlier steps' writes. Completes when every write is acknowledged; fails if one failed.
   */
  CompletableFuture<Void> absorb(Map<EntityState, List<Event>> appended, long nowMs);

  /**
   * Steps the entities that are due at wall-clock {@code nowMs}, applies the steps in memory and
   * starts their store writes; first reloads from the store the entities whose earlier writes
   * failed.
   */
  void runPass(EntityStates states, long nowMs);

  /** Waits until every store write started so far is done (failed ones included). */
  void awaitWrites();
}
