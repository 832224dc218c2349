package io.tessera.aggregation.consume;

/**
 * What the consumer loop asks of compaction (implemented in {@code compact}): a pass over the owned
 * entities whose store writes may still be in flight when it returns, and a way to wait for them
 * before the in-memory state is dropped or the partitions are handed over.
 */
public interface Compaction {

  /**
   * Steps the entities that are due at wall-clock {@code nowMs}, applies the steps in memory and
   * starts their store writes; first reloads from the store the entities whose earlier writes
   * failed.
   */
  void runPass(EntityStates states, long nowMs);

  /** Waits until every store write started so far is done (failed ones included). */
  void awaitWrites();
}
