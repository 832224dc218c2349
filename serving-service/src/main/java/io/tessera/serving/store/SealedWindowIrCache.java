package io.tessera.serving.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.SealedWindowCache;
import java.time.Duration;

/**
 * Each window's sealed part, already merged: one IR array per (entity, tile lineage, sealed span),
 * so a request merges one cached IR per window with the unsealed edges instead of every sealed tile
 * (the 7d window's day, hour and minute t-digests were the largest CPU cost of a read). The engine
 * decides what is sealed ({@code SealedPrefix}): only spans whose tiles all end at or before the
 * partition's durable seal point, which never change again.
 *
 * <p>Bounded by entries, not bytes: an entry is one IR per feature, a few hundred bytes for sums
 * and counts, up to a few KB for a t-digest; the default bound keeps the worst case near the range
 * cache's. Hit and miss counts, size and evictions are Micrometer's {@code cache.*} meters with
 * {@code cache=sealed-windows}.
 *
 * <p>A window that moves on by one finest tile, or a seal that advances, is a new key: a hot entity
 * misses about once a minute per window; the ranges that miss reads come from the {@link
 * SealedBlockCache} below when their blocks are there, not from the store.
 */
public final class SealedWindowIrCache implements SealedWindowCache {
  private final Cache<Key, Ir[]> merged;

  /**
   * @param maxWeightBytes the bound, in estimated heap bytes ({@link IrWeights})
   * @param idleExpiry how long an entry no request has used stays: a window's key is only hit while
   *     its start sits in the same finest tile, so an entry idle for longer than a couple of tiles
   *     is almost always dead, and keeping it would only push live ones out
   */
  public SealedWindowIrCache(long maxWeightBytes, Duration idleExpiry, MeterRegistry meters) {
    this(maxWeightBytes, idleExpiry, meters, "sealed-windows");
  }

  /**
   * A cache of its own, measured as {@code cache=name}: one whose entries must not push out those
   * of the online requests (a training sweep's historical spans).
   */
  public SealedWindowIrCache(
      long maxWeightBytes, Duration idleExpiry, MeterRegistry meters, String name) {
    this.merged =
        Caffeine.newBuilder()
            .maximumWeight(maxWeightBytes)
            .<Key, Ir[]>weigher((key, states) -> IrWeights.of(states))
            .expireAfterAccess(idleExpiry)
            // evict on the writing thread (a miss, already off the fast path): the bound holds at
            // every moment, and no maintenance task competes for the common pool's two cores
            .executor(Runnable::run)
            .recordStats()
            .build();
    CaffeineCacheMetrics.monitor(meters, merged, name);
  }

  @Override
  public Ir[] get(Key key) {
    return merged.getIfPresent(key);
  }

  @Override
  public void put(Key key, Ir[] states) {
    merged.put(key, states);
  }
}
