package io.tessera.engine.plan;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;

/**
 * Merged IRs of sealed spans, so a read merges one cached IR per window instead of every sealed
 * tile of it. A sealed span's content never changes (its tiles end at or before the entity's {@code
 * sealedBeforeMs}, and later events there are refused as too late), so an entry never goes stale;
 * implementations only bound the memory.
 *
 * <p>Cached arrays are shared between threads: callers merge them into states of their own and
 * never modify them.
 */
public interface SealedWindowCache {

  /**
   * One entity's sealed span {@code [fromMs, toMs)}, tile-aligned. The entity reference carries the
   * storage name of the view's tile lineage, so versions that share tiles share entries; the span
   * carries both the window's start and the sealed boundary, so a window that moved on, or a seal
   * that advanced, is a different key.
   */
  record Key(EntityRef entity, long fromMs, long toMs) {}

  /** The merged IRs of the span, one per feature in view order, or null when not cached. */
  Ir[] get(Key key);

  /** Remembers the merged IRs of a span; the caller does not modify {@code states} afterwards. */
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
