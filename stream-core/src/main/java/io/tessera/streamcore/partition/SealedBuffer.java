package io.tessera.streamcore.partition;

import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.open.EventSpill;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
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
 * marker releases them. A tile is decoded when a read first takes it whole, not when buffered:
 * buffering runs under the partition's write lock while a whole minute seals (every entity active
 * in it), and most of those tiles are never read before the store has them.
 *
 * <p>The buffer holds its minutes within the process's {@link OpenStateBudget} as the open state
 * does: while the owner is behind (or down) the buffer grows with the stream, so past the budget
 * its raw events move to an {@link EventSpill} and edge reads take them from there. The decoded
 * tiles stay: whole-minute reads need nothing else.
 */
final class SealedBuffer {

  /** A buffered minute: its tile, and its raw events in memory or (null) in {@code spilled}. */
  private record Buffered(
      BufferedTile tile, List<Event> events, EventSpill.Segment spilled, long bytes) {}

  /**
   * A sealed tile decoded on its first whole read. Reads run concurrently under the read lock: two
   * may decode it at once, and either result is the same immutable tile.
   */
  private static final class BufferedTile {
    private final TileRow row;
    private volatile Tile decoded;

    BufferedTile(TileRow row) {
      this.row = row;
    }

    long startMs() {
      return row.key().startMs();
    }

    long newestEventTimeMs() {
      return row.newestEventTimeMs();
    }

    Tile decode(TileCodec codec) {
      Tile tile = decoded;
      if (tile == null) {
        tile = codec.decode(row);
        decoded = tile;
      }
      return tile;
    }
  }

  /** The estimated heap of one buffered event (spilled, only its tile's share stays). */
  private static final long EVENT_BYTES = 96;

  private final ViewAggregator aggregator;
  private final TileCodec codec;
  private final long finestMs;
  private final Map<String, NavigableMap<Long, Buffered>> byEntity = new HashMap<>();
  private final NavigableMap<Long, List<String>> entitiesByStart = new TreeMap<>();
  private final OpenStateBudget budget;
  private final EventSpill spill;
  // by start, the entities whose buffered minute still holds its events in memory
  private final NavigableMap<Long, List<String>> inMemoryByStart = new TreeMap<>();
  private long bytes;
  private long memoryEventBytes; // of bytes, what raw events in memory take: what can spill

  SealedBuffer(ViewAggregator aggregator, long finestMs, OpenStateBudget budget) {
    this.aggregator = aggregator;
    this.codec = new TileCodec(aggregator);
    this.finestMs = finestMs;
    this.budget = budget;
    this.spill = new EventSpill(budget);
  }

  void add(List<SealedMinute> minutes) {
    for (SealedMinute minute : minutes) {
      String entityKey = minute.entity().entityKey();
      long startMs = minute.tile().key().startMs();
      long size = minute.tile().payload().length + EVENT_BYTES * minute.events().size() + 64;
      Buffered previous =
          byEntity
              .computeIfAbsent(entityKey, k -> new TreeMap<>())
              .put(
                  startMs,
                  new Buffered(new BufferedTile(minute.tile()), minute.events(), null, size));
      if (previous == null) {
        entitiesByStart.computeIfAbsent(startMs, s -> new ArrayList<>()).add(entityKey);
        held(size);
        memoryEventBytes += EVENT_BYTES * minute.events().size();
        inMemoryByStart.computeIfAbsent(startMs, s -> new ArrayList<>()).add(entityKey);
      }
    }
    if (budget.over() && memoryEventBytes > budget.spillAtBytes()) {
      spill();
    }
  }

  /** Moves the raw events of every minute holding them in memory to the spill. */
  private void spill() {
    for (Map.Entry<Long, List<String>> entry : inMemoryByStart.entrySet()) {
      long startMs = entry.getKey();
      for (String entityKey : entry.getValue()) {
        NavigableMap<Long, Buffered> tiles = byEntity.get(entityKey);
        Buffered buffered = tiles.get(startMs);
        long spilledSize = buffered.bytes() - EVENT_BYTES * buffered.events().size();
        tiles.put(
            startMs,
            new Buffered(
                buffered.tile(), null, spill.append(startMs, buffered.events()), spilledSize));
        held(spilledSize - buffered.bytes());
      }
    }
    inMemoryByStart.clear();
    memoryEventBytes = 0;
  }

  /** Gives back to the budget what the buffer holds: the replica is dropped. */
  void close() {
    held(-bytes);
    spill.close();
  }

  private void held(long deltaBytes) {
    bytes += deltaBytes;
    budget.held(deltaBytes);
  }

  /** Forgets every tile ending at or before {@code durableBeforeMs}: the store has them now. */
  void release(long durableBeforeMs) {
    NavigableMap<Long, List<String>> due =
        entitiesByStart.headMap(durableBeforeMs - finestMs, true);
    for (Map.Entry<Long, List<String>> entry : due.entrySet()) {
      for (String entityKey : entry.getValue()) {
        NavigableMap<Long, Buffered> tiles = byEntity.get(entityKey);
        Buffered removed = tiles.remove(entry.getKey());
        held(-removed.bytes());
        if (removed.events() != null) {
          memoryEventBytes -= EVENT_BYTES * removed.events().size();
        }
        if (tiles.isEmpty()) {
          byEntity.remove(entityKey);
        }
      }
    }
    due.clear();
    inMemoryByStart.headMap(durableBeforeMs - finestMs, true).clear();
    spill.releaseBefore(durableBeforeMs);
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
      long startMs = buffered.tile().startMs();
      if (fromMs <= startMs && startMs + finestMs <= toMs) {
        aggregator.merge(into, buffered.tile().decode(codec).states());
      } else {
        List<Event> events =
            buffered.events() != null
                ? buffered.events()
                : spill.read(entityKey, buffered.spilled());
        for (Event event : events) {
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
