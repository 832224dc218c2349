package io.tessera.engine.plan;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;
import java.util.List;

/**
 * Merged IRs of runs of sealed tile segments, so a read merges a cached IR or two per window
 * instead of every sealed tile of it. A sealed segment's content never changes (its tiles end at or
 * before the entity's {@code sealedBeforeMs}, and later events there are refused as too late), so
 * an entry never goes stale; implementations only bound the memory.
 *
 * <p>Cached arrays are shared between threads: callers merge them into states of their own and
 * never modify them.
 */
public interface SealedWindowCache {

  /**
   * One entity's run of sealed tile segments ({@link SealedWindows}), tile-aligned, in time order.
   * The entity reference carries the storage name of the view's tile lineage, so versions that
   * share tiles share entries. The key is every segment, not only the span: the same span is
   * planned with finer tiles where coarser ones were not built yet, and the same events merged in
   * another order are another value to a sketch, so a block built then must not answer now.
   */
  record Key(EntityRef entity, List<Segment.Tiles> segments) {
    public Key {
      segments = List.copyOf(segments);
      if (segments.isEmpty()) {
        throw new IllegalArgumentException("a block has at least one segment");
      }
    }

    /** The finest resolution of the run: the one whose tiles the block merges itself. */
    public long resolutionMs() {
      long finestMs = Long.MAX_VALUE;
      for (Segment.Tiles tiles : segments) {
        finestMs = Math.min(finestMs, tiles.resolutionMs());
      }
      return finestMs;
    }
  }

  /** The merged IRs of the run, one per feature in view order, or null when not cached. */
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
