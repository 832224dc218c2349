package io.tessera.engine.plan;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;

/**
 * Merged IRs of sealed tile segments, so a read merges one cached IR per segment of a window
 * instead of every sealed tile of it. A sealed segment's content never changes (its tiles end at or
 * before the entity's {@code sealedBeforeMs}, and later events there are refused as too late), so
 * an entry never goes stale; implementations only bound the memory.
 *
 * <p>Cached arrays are shared between threads: callers merge them into states of their own and
 * never modify them.
 */
public interface SealedWindowCache {

  /**
   * One entity's tiles of one resolution starting in {@code [fromMs, toMs)}, tile-aligned. The
   * entity reference carries the storage name of the view's tile lineage, so versions that share
   * tiles share entries; the resolution is part of the key because the same span merged from finer
   * tiles is the same events merged in another order, which a sketch may tell apart.
   */
  record Key(EntityRef entity, long resolutionMs, long fromMs, long toMs) {}

  /** The merged IRs of the segment, one per feature in view order, or null when not cached. */
  Ir[] get(Key key);

  /**
   * Remembers the merged IRs of a segment; the caller does not modify {@code states} afterwards.
   */
  void put(Key key, Ir[] states);

  /** No caching: every read merges every tile, as without a cache. */
  SealedWindowCache NONE =
      new SealedWindowCache() {
        @Override
        public Ir[] get(Key key) {
          return null;
        }

        @Override
        public void put(Key key, Ir[] states) {}
      };
}
