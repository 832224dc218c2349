package io.tessera.engine.open;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One open finest tile of one entity: its de-duplicated raw events in arrival order and, once it
 * holds more than {@link #EVENTS_WITHOUT_IR} events, an IR kept up to date as they arrive. The IR
 * only serves reads; the sealed tile is recomputed from the events in canonical order, so its bytes
 * never depend on arrival order (invariant 3).
 *
 * <p>Why the IR waits: under many entities most open tiles hold one or two events, and an IR per
 * feature costs more heap than those events (about half the open state's bytes in a run over
 * 100,000 entities). A read folds so few events directly, as it does at a window's edge anyway.
 *
 * <p>Past the process's {@link OpenStateBudget} the events held in memory move to segments of the
 * lineage's {@link EventSpill} ({@link #spill}); the tile keeps its IR and the hashes of the
 * spilled ids, and reads the segments back only to seal, to fold a range that cuts the tile (or a
 * tile with no IR) and to confirm a duplicate whose id hash it holds.
 */
final class OpenTile {
  /** How many events a tile holds before it keeps an IR; reads fold fewer from the events. */
  static final int EVENTS_WITHOUT_IR = 4;

  private final String entityKey;
  private final TileKey key;
  private Ir[] states; // null until the tile holds more than EVENTS_WITHOUT_IR events
  private final List<Event> events = new ArrayList<>(2); // those in memory
  private int eventCount;
  private long memoryEventBytes;
  private Spilled spilled; // null until the first spill
  private long newestEventTimeMs = Ir.NO_EVENT_MS;
  private long estimatedBytes;

  OpenTile(String entityKey, TileKey key) {
    this.entityKey = entityKey;
    this.key = key;
    this.estimatedBytes = MemoryEstimate.tile(0);
  }

  TileKey key() {
    return key;
  }

  /** Adds a new (not duplicate) event of this tile's span. */
  void add(Event event, ViewAggregator aggregator) {
    if (states == null && eventCount + 1 > EVENTS_WITHOUT_IR) {
      states = aggregator.init();
      for (Event held : events()) {
        aggregator.add(states, held);
      }
      estimatedBytes += MemoryEstimate.tile(aggregator.size()) - MemoryEstimate.tile(0);
    }
    if (states != null) {
      aggregator.add(states, event);
    }
    events.add(event);
    eventCount++;
    newestEventTimeMs = Math.max(newestEventTimeMs, event.eventTimeMs());
    long bytes = MemoryEstimate.event(event, aggregator.size());
    memoryEventBytes += bytes;
    estimatedBytes += bytes;
  }

  /** The estimated heap of the events held in memory (what a spill frees). */
  long memoryEventBytes() {
    return memoryEventBytes;
  }

  /** The events held in memory (not spilled), in arrival order. */
  List<Event> inMemory() {
    return events;
  }

  /** Every event of the tile: the spilled ones, read back, then those in memory. */
  List<Event> events() {
    if (spilled == null) {
      return events;
    }
    List<Event> all = spilled.read(entityKey);
    all.addAll(events);
    return all;
  }

  /**
   * The applied event with {@code eventId} among the spilled ones, or null. The id hashes answer
   * most lookups; a hash held (the id itself, or a collision) reads that one event back.
   */
  Event spilledEvent(String eventId, long idHash) {
    if (spilled == null) {
      return null;
    }
    return spilled.ids.find(
        idHash,
        location -> {
          Event event = spilled.readOne(entityKey, location);
          return event.eventId().equals(eventId) ? event : null;
        });
  }

  /**
   * Moves the events held in memory to a segment of {@code spill} and returns the estimated heap
   * freed (the id hashes' growth deducted). The tile's IR, if it has one, stays: whole-tile reads
   * still need no file.
   */
  long spill(EventSpill spill) {
    if (events.isEmpty()) {
      return 0;
    }
    long before = estimatedBytes;
    if (spilled == null) {
      spilled = new Spilled(spill);
    }
    spilled.append(key.startMs(), events);
    events.clear();
    estimatedBytes += spilled.estimatedBytes() - spilled.previousEstimate - memoryEventBytes;
    spilled.previousEstimate = spilled.estimatedBytes();
    memoryEventBytes = 0;
    return before - estimatedBytes;
  }

  /** Whether some of the tile's events are in spill segments. */
  boolean hasSpilled() {
    return spilled != null;
  }

  long newestEventTimeMs() {
    return newestEventTimeMs;
  }

  long estimatedBytes() {
    return estimatedBytes;
  }

  /**
   * Folds the tile's events with {@code fromMs <= time < toMs} into {@code into}: the whole IR when
   * the tile lies inside the range, else the raw events inside it, in canonical order.
   */
  void foldInto(Ir[] into, long fromMs, long toMs, ViewAggregator aggregator) {
    if (states != null && fromMs <= key.startMs() && key.endMs() <= toMs) {
      aggregator.merge(into, states);
      return;
    }
    List<Event> inside = new ArrayList<>();
    for (Event event : events()) {
      if (event.eventTimeMs() >= fromMs && event.eventTimeMs() < toMs) {
        inside.add(event);
      }
    }
    inside.sort(EventOrder.CANONICAL);
    for (Event event : inside) {
      aggregator.add(into, event);
    }
  }

  /**
   * The sealed row: the tile recomputed from its events in canonical order, and the events without
   * their offsets. Both are functions of the set of events alone, so every instance seals the same
   * bytes, spilled or not, and a backfill of the same events writes them too (invariant 3).
   */
  SealedMinute seal(EntityRef entity, CanonicalTiles canonical, TileCodec codec) {
    List<Event> held = events();
    List<Event> sorted = new ArrayList<>(held.size());
    for (Event event : held) {
      sorted.add(event.sealed());
    }
    sorted.sort(EventOrder.CANONICAL);
    return new SealedMinute(entity, codec.encode(canonical.fromEvents(key, sorted)), sorted);
  }

  /** Where a tile's spilled events are: segments of its lineage's spill, and their ids' hashes. */
  private static final class Spilled {
    final EventSpill spill;
    final SpilledIds ids = new SpilledIds();
    EventSpill.Segment[] segments = new EventSpill.Segment[2];
    int count;
    long previousEstimate;

    Spilled(EventSpill spill) {
      this.spill = spill;
    }

    void append(long tileStartMs, List<Event> events) {
      if (count == segments.length) {
        segments = Arrays.copyOf(segments, count * 2);
      }
      EventSpill.Segment segment = spill.append(tileStartMs, events);
      for (int i = 0; i < events.size(); i++) {
        ids.add(SpilledIds.hash(events.get(i).eventId()), SpilledIds.location(count, i));
      }
      segments[count++] = segment;
    }

    Event readOne(String entityKey, long location) {
      return spill.readOne(
          entityKey, segments[SpilledIds.segment(location)], SpilledIds.index(location));
    }

    List<Event> read(String entityKey) {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        events.addAll(spill.read(entityKey, segments[i]));
      }
      return events;
    }

    long estimatedBytes() {
      long starts = 0;
      for (int i = 0; i < count; i++) {
        starts += 16L + 4L * segments[i].events();
      }
      return 48L + 56L * segments.length + starts + ids.estimatedBytes();
    }
  }
}
