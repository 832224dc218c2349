package io.tessera.serving.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Caches serving's sealed reads by their arguments. Safe without any invalidation: a follower reads
 * the sealed store only before its durable seal point, where rows and tiles are final (an owner's
 * replay or a zombie writes the same bytes), so the answer to a range read never changes. The read
 * planner aligns ranges to tile boundaries, so requests within the same finest tile ask for the
 * same ranges and hit.
 *
 * <p>Bounded by weight (bytes, about); hits and misses are Micrometer's {@code cache.gets} for
 * {@code cache=sealed-ranges}. A failed read is not cached.
 */
public final class SealedRangeCache implements SealedRowReads {
  private static final int ENTRY_WEIGHT = 96;
  private static final int EVENT_WEIGHT = 200;

  /** A range read; {@code resolutionMs} 0 for the raw events of sealed rows. */
  private record RangeKey(EntityRef entity, long resolutionMs, long fromMs, long toMs) {}

  private final SealedRowReads store;
  private final Cache<RangeKey, List<?>> ranges;

  public SealedRangeCache(SealedRowReads store, long maxBytes, MeterRegistry meters) {
    this.store = store;
    this.ranges =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .<RangeKey, List<?>>weigher((key, rows) -> weight(rows))
            .recordStats()
            .build();
    CaffeineCacheMetrics.monitor(meters, ranges, "sealed-ranges");
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    return cached(
        new RangeKey(entity, resolutionMs, fromMs, toMs),
        () -> store.readTiles(entity, resolutionMs, fromMs, toMs));
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    return cached(
        new RangeKey(entity, 0, fromMs, toMs), () -> store.readEvents(entity, fromMs, toMs));
  }

  @SuppressWarnings("unchecked") // each key kind holds the one type its read returns
  private <T> CompletionStage<List<T>> cached(
      RangeKey key, java.util.function.Supplier<CompletionStage<List<T>>> read) {
    List<?> hit = ranges.getIfPresent(key);
    if (hit != null) {
      return CompletableFuture.completedFuture((List<T>) hit);
    }
    return read.get()
        .thenApply(
            rows -> {
              ranges.put(key, List.copyOf(rows));
              return rows;
            });
  }

  private static int weight(List<?> rows) {
    long weight = ENTRY_WEIGHT;
    for (Object row : rows) {
      weight += row instanceof TileRow tile ? 64 + tile.payload().length : EVENT_WEIGHT;
    }
    return (int) Math.min(Integer.MAX_VALUE, weight);
  }
}
