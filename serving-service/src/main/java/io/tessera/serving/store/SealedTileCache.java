package io.tessera.serving.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToLongFunction;

/**
 * Caches what can never change again, and nothing else: tiles that end at or before the entity's
 * {@code sealedBeforeMs} (including the knowledge that a sealed slot has no tile), and the events
 * of sealed finest tiles (the old edge of a window). Everything else (the head, open tiles, the
 * open edge) is read from the store every time.
 *
 * <p>Why this is safe: the compactor writes a tile before the metadata that seals it, and an event
 * older than {@code sealedBeforeMs} is refused as too late; {@code sealedBeforeMs} only grows, so a
 * value seen in any head stays a valid bound. A range the read plan asks for is one the planner
 * considers built, so a slot without a tile there is an empty tile.
 *
 * <p>A range read is served from the cache only if every sealed slot of it is cached; then just its
 * unsealed rest goes to the store. Otherwise the whole range is read (one query, as without the
 * cache) and its sealed slots are cached. Bounded by weight (bytes, about); hit and miss counts are
 * Micrometer's {@code cache.gets} for {@code cache=sealed-tiles}.
 */
public final class SealedTileCache implements AsyncTileReads {

  /** Slots of one range beyond which caching is skipped (a lifetime range over years). */
  private static final long MAX_SLOTS = 4_096;

  private static final int EMPTY_SLOT_WEIGHT = 64;
  private static final int EVENT_WEIGHT = 200;

  private record SlotKey(EntityRef entity, long resolutionMs, long startMs) {}

  private record MinuteKey(EntityRef entity, long startMs) {}

  private final AsyncTileReads store;
  private final ToLongFunction<String> finestResolutionMs;
  private final Cache<SlotKey, Optional<TileRow>> tiles;
  private final Cache<MinuteKey, List<Event>> edges;
  private final Cache<EntityRef, Long> sealedBefore;

  /**
   * @param finestResolutionMs the finest tile size of a view, by the storage name its entity
   *     references carry
   */
  public SealedTileCache(
      AsyncTileReads store,
      ToLongFunction<String> finestResolutionMs,
      long maxWeightBytes,
      MeterRegistry meters) {
    this.store = store;
    this.finestResolutionMs = finestResolutionMs;
    this.tiles =
        Caffeine.newBuilder()
            .maximumWeight(maxWeightBytes / 2)
            .<SlotKey, Optional<TileRow>>weigher(
                (key, row) -> row.map(r -> 96 + r.payload().length).orElse(EMPTY_SLOT_WEIGHT))
            .recordStats()
            .build();
    this.edges =
        Caffeine.newBuilder()
            .maximumWeight(maxWeightBytes / 2)
            .<MinuteKey, List<Event>>weigher((key, events) -> 64 + events.size() * EVENT_WEIGHT)
            .recordStats()
            .build();
    this.sealedBefore = Caffeine.newBuilder().maximumSize(1_000_000).build();
    CaffeineCacheMetrics.monitor(meters, tiles, "sealed-tiles");
    CaffeineCacheMetrics.monitor(meters, edges, "sealed-edge-minutes");
  }

  @Override
  public CompletionStage<EntityHead> readHead(EntityRef entity) {
    return store
        .readHead(entity)
        .thenApply(
            head -> {
              long sealed = head.meta().sealedBeforeMs();
              if (sealed != EntityMeta.NO_TIME) {
                sealedBefore.asMap().merge(entity, sealed, Math::max);
              }
              return head;
            });
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    long sealed = sealedBefore(entity);
    if (sealed == Long.MIN_VALUE) {
      return store.readTiles(entity, resolutionMs, fromMs, toMs);
    }
    // slots [fromMs, sealedToMs) end at or before the seal
    long sealedToMs = Math.min(toMs, Math.floorDiv(sealed, resolutionMs) * resolutionMs);
    long slots = sealedToMs <= fromMs ? 0 : (sealedToMs - fromMs) / resolutionMs + 1;
    if (slots == 0 || slots > MAX_SLOTS) {
      return store.readTiles(entity, resolutionMs, fromMs, toMs);
    }
    List<TileRow> cached = new ArrayList<>();
    for (long start = alignUp(fromMs, resolutionMs); start < sealedToMs; start += resolutionMs) {
      Optional<TileRow> slot = tiles.getIfPresent(new SlotKey(entity, resolutionMs, start));
      if (slot == null) {
        return readAndCache(entity, resolutionMs, fromMs, toMs, sealedToMs);
      }
      slot.ifPresent(cached::add);
    }
    if (sealedToMs >= toMs) {
      return CompletableFuture.completedFuture(cached);
    }
    return store
        .readTiles(entity, resolutionMs, sealedToMs, toMs)
        .thenApply(
            rest -> {
              List<TileRow> all = new ArrayList<>(cached);
              all.addAll(rest);
              return all;
            });
  }

  private CompletionStage<List<TileRow>> readAndCache(
      EntityRef entity, long resolutionMs, long fromMs, long toMs, long sealedToMs) {
    return store
        .readTiles(entity, resolutionMs, fromMs, toMs)
        .thenApply(
            rows -> {
              int next = 0;
              for (long start = alignUp(fromMs, resolutionMs);
                  start < sealedToMs;
                  start += resolutionMs) {
                while (next < rows.size() && rows.get(next).key().startMs() < start) {
                  next++;
                }
                TileRow row =
                    next < rows.size() && rows.get(next).key().startMs() == start
                        ? rows.get(next)
                        : null;
                tiles.put(new SlotKey(entity, resolutionMs, start), Optional.ofNullable(row));
              }
              return rows;
            });
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    long finest = finestResolutionMs.applyAsLong(entity.view());
    if (finest <= 0) {
      return store.readEvents(entity, fromMs, toMs);
    }
    long minuteStart = Math.floorDiv(fromMs, finest) * finest;
    long minuteEnd = minuteStart + finest;
    if (toMs > minuteEnd || minuteEnd > sealedBefore(entity)) {
      return store.readEvents(entity, fromMs, toMs);
    }
    MinuteKey key = new MinuteKey(entity, minuteStart);
    List<Event> minute = edges.getIfPresent(key);
    CompletionStage<List<Event>> events =
        minute != null
            ? CompletableFuture.completedFuture(minute)
            : store
                .readEvents(entity, minuteStart, minuteEnd)
                .thenApply(
                    read -> {
                      List<Event> copy = List.copyOf(read);
                      edges.put(key, copy);
                      return copy;
                    });
    return events.thenApply(
        all ->
            all.stream().filter(e -> e.eventTimeMs() >= fromMs && e.eventTimeMs() < toMs).toList());
  }

  private long sealedBefore(EntityRef entity) {
    Long sealed = sealedBefore.getIfPresent(entity);
    return sealed == null ? Long.MIN_VALUE : sealed;
  }

  private static long alignUp(long timeMs, long resolutionMs) {
    return Math.floorDiv(timeMs + resolutionMs - 1, resolutionMs) * resolutionMs;
  }
}
