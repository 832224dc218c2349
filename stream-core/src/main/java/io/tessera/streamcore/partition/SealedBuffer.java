package io.tessera.streamcore.partition;

import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.open.DeferredSeal;
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
 * marker releases them. Tiles come as {@link DeferredSeal}s: a row is computed only when a read
 * needs it, and a tile's canonical form is decoded once, on its first whole read (buffering runs
 * under the partition's write lock while a whole minute seals, for every entity active in it, and
 * most of those tiles are never read before the store has them).
 *
 * <p>The buffer holds its minutes within the process's {@link OpenStateBudget} as the open state
 * does: while the owner is behind (or down) the buffer grows with the stream, so past the budget
 * its raw events move to an {@link EventSpill} and edge reads take them from there; such a minute
 * keeps only its row's tile.
 */
final class SealedBuffer {

  /** A buffered minute: sealed and not yet durable. Reads may run concurrently. */
  private abstract static class Buffered {
    private volatile Tile decoded; // the canonical tile, once a whole read asked

    abstract long startMs();

    abstract long newestEventTimeMs();

    abstract long bytes();

    abstract Tile decode(TileCodec codec);

    /** The whole tile; two reads may decode it at once, and either result is the same. */
    final Tile tile(TileCodec codec) {
      Tile tile = decoded;
      if (tile == null) {
        tile = decode(codec);
        decoded = tile;
      }
      return tile;
    }
  }

  /** A minute as its replica sealed it, events and all in memory. */
  private static final class InMemory extends Buffered {
    final DeferredSeal seal;

    InMemory(DeferredSeal seal) {
      this.seal = seal;
    }

    @Override
    long startMs() {
      return seal.startMs();
    }

    @Override
    long newestEventTimeMs() {
      return seal.newestEventTimeMs();
    }

    @Override
    long bytes() {
      return seal.estimatedBytes() + OBJECT_BYTES;
    }

    @Override
    Tile decode(TileCodec codec) {
      return seal.tile();
    }
  }

  /** A minute whose raw events went to the spill: its row's tile stays. */
  private static final class Spilled extends Buffered {
    final TileRow row;
    final EventSpill.Segment events;

    Spilled(TileRow row, EventSpill.Segment events) {
      this.row = row;
      this.events = events;
    }

    @Override
    long startMs() {
      return row.key().startMs();
    }

    @Override
    long newestEventTimeMs() {
      return row.newestEventTimeMs();
    }

    @Override
    long bytes() {
      return row.payload().length + OBJECT_BYTES;
    }

    @Override
    Tile decode(TileCodec codec) {
      return codec.decode(row);
    }
  }

  private static final long OBJECT_BYTES = 64;

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
  private long memoryBytes; // of bytes, what minutes in memory take: what a spill frees

  SealedBuffer(ViewAggregator aggregator, long finestMs, OpenStateBudget budget) {
    this.aggregator = aggregator;
    this.codec = new TileCodec(aggregator);
    this.finestMs = finestMs;
    this.budget = budget;
    this.spill = new EventSpill(budget, aggregator);
  }

  void add(List<DeferredSeal> minutes) {
    for (DeferredSeal minute : minutes) {
      String entityKey = minute.entity().entityKey();
      long startMs = minute.startMs();
      InMemory buffered = new InMemory(minute);
      Buffered previous =
          byEntity.computeIfAbsent(entityKey, k -> new TreeMap<>()).put(startMs, buffered);
      if (previous == null) {
        entitiesByStart.computeIfAbsent(startMs, s -> new ArrayList<>()).add(entityKey);
        held(buffered.bytes());
        memoryBytes += buffered.bytes();
        inMemoryByStart.computeIfAbsent(startMs, s -> new ArrayList<>()).add(entityKey);
      }
    }
    if (budget.over() && memoryBytes > budget.spillAtBytes()) {
      spill();
    }
  }

  /**
   * Moves the raw events of every minute holding them in memory to the spill, keeping the row's
   * tile: its row is computed now, once, as a read would.
   */
  private void spill() {
    for (Map.Entry<Long, List<String>> entry : inMemoryByStart.entrySet()) {
      long startMs = entry.getKey();
      for (String entityKey : entry.getValue()) {
        NavigableMap<Long, Buffered> tiles = byEntity.get(entityKey);
        InMemory buffered = (InMemory) tiles.get(startMs);
        SealedMinute row = buffered.seal.minute();
        Spilled spilled = new Spilled(row.tile(), spill.append(startMs, row.events()));
        tiles.put(startMs, spilled);
        held(spilled.bytes() - buffered.bytes());
      }
    }
    inMemoryByStart.clear();
    memoryBytes = 0;
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
        if (removed instanceof InMemory) {
          memoryBytes -= removed.bytes();
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
      long startMs = buffered.startMs();
      if (fromMs <= startMs && startMs + finestMs <= toMs) {
        aggregator.merge(into, buffered.tile(codec).states());
      } else {
        List<Event> events =
            buffered instanceof Spilled spilled
                ? spill.read(entityKey, spilled.events)
                : ((InMemory) buffered).seal.events();
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
    return tiles == null ? Ir.NO_EVENT_MS : tiles.lastEntry().getValue().newestEventTimeMs();
  }

  long estimatedBytes() {
    return bytes;
  }
}
