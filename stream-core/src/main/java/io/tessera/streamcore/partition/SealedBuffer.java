package io.tessera.streamcore.partition;

import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.view.ViewAggregator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A follower's sealed finest tiles of one lineage that the owner has not yet said are durable. The
 * follower sealed them at the same watermark record the owner did (sealing is a pure function of
 * the log) but the store may not hold them yet, so reads take them from here until the owner's seal
 * marker releases them. Each tile is decoded once, when buffered.
 */
final class SealedBuffer {

  private record Buffered(Tile tile, List<Event> events, long bytes) {}

  private final ViewAggregator aggregator;
  private final TileCodec codec;
  private final long finestMs;
  private final Map<String, NavigableMap<Long, Buffered>> byEntity = new HashMap<>();
  private final NavigableMap<Long, List<String>> entitiesByStart = new TreeMap<>();
  private long bytes;

  SealedBuffer(ViewAggregator aggregator, long finestMs) {
    this.aggregator = aggregator;
    this.codec = new TileCodec(aggregator);
    this.finestMs = finestMs;
  }

  void add(List<SealedMinute> minutes) {
    for (SealedMinute minute : minutes) {
      String entityKey = minute.entity().entityKey();
      long startMs = minute.tile().key().startMs();
      long size = minute.tile().payload().length + 96L * minute.events().size() + 64;
      Buffered previous =
          byEntity
              .computeIfAbsent(entityKey, k -> new TreeMap<>())
              .put(startMs, new Buffered(codec.decode(minute.tile()), minute.events(), size));
      if (previous == null) {
        entitiesByStart.computeIfAbsent(startMs, s -> new java.util.ArrayList<>()).add(entityKey);
        bytes += size;
      }
    }
  }

  /** Forgets every tile ending at or before {@code durableBeforeMs}: the store has them now. */
  void release(long durableBeforeMs) {
    NavigableMap<Long, List<String>> due =
        entitiesByStart.headMap(durableBeforeMs - finestMs, true);
    for (Map.Entry<Long, List<String>> entry : due.entrySet()) {
      for (String entityKey : entry.getValue()) {
        NavigableMap<Long, Buffered> tiles = byEntity.get(entityKey);
        Buffered removed = tiles.remove(entry.getKey());
        bytes -= removed.bytes();
        if (tiles.isEmpty()) {
          byEntity.remove(entityKey);
        }
      }
    }
    due.clear();
  }

  /**
   * Folds the entity's buffered events with {@code fromMs <= eventTime < toMs} into {@code into},
   * in time order: a tile inside the range as its IR, one cut by an edge from its raw events.
   */
  void fold(String entityKey, long fromMs, long toMs, Ir[] into) {
    NavigableMap<Long, Buffered> tiles = byEntity.get(entityKey);
    if (tiles == null || fromMs >= toMs) {
      return;
    }
    // the tile containing fromMs; a lifetime read starts at Long.MIN_VALUE, where floor would wrap
    long firstStartMs =
        fromMs < Long.MIN_VALUE + finestMs
            ? Long.MIN_VALUE
            : fromMs - Math.floorMod(fromMs, finestMs);
    for (Iterator<Buffered> it = tiles.subMap(firstStartMs, true, toMs, false).values().iterator();
        it.hasNext(); ) {
      Buffered buffered = it.next();
      long startMs = buffered.tile().key().startMs();
      if (fromMs <= startMs && startMs + finestMs <= toMs) {
        aggregator.merge(into, buffered.tile().states());
      } else {
        for (Event event : buffered.events()) {
          if (event.eventTimeMs() >= fromMs && event.eventTimeMs() < toMs) {
            aggregator.add(into, event);
          }
        }
      }
    }
  }

  /** The newest buffered event time of the entity, or {@link Ir#NO_EVENT_MS}. */
  long newestEventTimeMs(String entityKey) {
    NavigableMap<Long, Buffered> tiles = byEntity.get(entityKey);
    return tiles == null ? Ir.NO_EVENT_MS : tiles.lastEntry().getValue().tile().newestEventTimeMs();
  }

  long estimatedBytes() {
    return bytes;
  }
}
