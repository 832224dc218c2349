package io.tessera.serving.training;

import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.SealedWindowCache;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merged sealed blocks of one sweep run (one entity, one view, ascending times), the few most
 * recently used. A sweep reads an entity's times in order, so a block of days is used by every time
 * of that day and a block of hours by every time of that hour, one after the other, then never
 * again: a handful of entries keeps every hit, and the run's memory stays a few blocks whatever its
 * length. The shared Caffeine cache of serving would cost a weigher, eviction bookkeeping and a
 * hash of the entity on every put, for entries nobody else reads.
 *
 * <p>Synchronized: a run keeps a few reads in flight ({@link WindowedReads}), and a read that
 * reaches the store completes on another thread.
 */
final class RecentBlocks implements SealedWindowCache {

  /**
   * Blocks kept: a time of a view with three windows looks up at most three blocks per window (its
   * whole prefix, its hours, its days), and the next time reuses most of them.
   */
  static final int CAPACITY = 64;

  private final Map<Key, Ir[]> blocks =
      new LinkedHashMap<>(2 * CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Ir[]> eldest) {
          return size() > CAPACITY;
        }
      };

  @Override
  public synchronized Ir[] get(Key key) {
    return blocks.get(key);
  }

  @Override
  public synchronized void put(Key key, Ir[] states) {
    blocks.put(key, states);
  }
}
