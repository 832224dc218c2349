package io.tessera.engine.open;

import io.tessera.engine.encoding.IrOutput;
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
import java.util.List;

/**
 * One open finest tile of one entity: its de-duplicated raw events ({@link TileEvents}, encoded, in
 * arrival order) and, once it holds more than {@link #EVENTS_WITHOUT_IR} events, an IR kept up to
 * date as they arrive. The IR only serves reads; the sealed tile is recomputed from the events in
 * canonical order, so its bytes never depend on arrival order (invariant 3).
 *
 * <p>Why the IR waits: under many entities most open tiles hold one or two events, and an IR per
 * feature costs more heap than those events. A read folds so few events directly, as it does at a
 * window's edge anyway.
 *
 * <p>Past the process's {@link OpenStateBudget} the events held in memory move to segments of the
 * lineage's {@link EventSpill} ({@link #spill}); the tile keeps its IR and its events' id hashes,
 * and reads the segments back only to seal, to fold a range that cuts the tile (or a tile with no
 * IR) and to confirm a duplicate whose id hash it holds.
 */
final class OpenTile {
  /** How many events a tile holds before it keeps an IR; reads fold fewer from the events. */
  static final int EVENTS_WITHOUT_IR = 4;

  private final String entityKey;
  private final TileKey key;
  private final long startMs; // the key's, without the hop: entities' tile searches read it
  private final EventRecords records; // the lineage's: how its events are bytes
  private final TileEvents events = new TileEvents();
  private Ir[] states; // null until the tile holds more than EVENTS_WITHOUT_IR events
  private long stateBytes; // what states report, summed once per event: the budget asks twice
  private long newestEventTimeMs = Ir.NO_EVENT_MS;
  private boolean sealed;
  private boolean holdingListed;

  OpenTile(String entityKey, TileKey key, EventRecords records) {
    this.entityKey = entityKey;
    this.key = key;
    this.records = records;
    this.startMs = key.startMs();
  }

  TileKey key() {
    return key;
  }

  long startMs() {
    return startMs;
  }

  /** The applied event with {@code eventId} (whose hash is {@code idHash}), or null. */
  Event applied(String eventId, int idHash) {
    return events.find(eventId, idHash, entityKey, records);
  }

  /**
   * Adds a new (not duplicate) event of this tile's span, its id hashed to {@code idHash}, encoding
   * it with {@code scratch}.
   */
  void add(Event event, int idHash, ViewAggregator aggregator, IrOutput scratch) {
    if (states == null && events.count() + 1 > EVENTS_WITHOUT_IR) {
      states = aggregator.init();
      for (Event held : events()) {
        aggregator.add(states, held);
      }
    }
    if (states != null) {
      aggregator.add(states, event);
      stateBytes = MemoryEstimate.array(4L * states.length);
      for (Ir state : states) {
        stateBytes += state.estimatedBytes();
      }
    }
    events.add(event, idHash, scratch, records);
    newestEventTimeMs = Math.max(newestEventTimeMs, event.eventTimeMs());
  }

  /** The estimated heap of the events held in memory (what a spill frees). */
  long memoryEventBytes() {
    return events.memoryBytes();
  }

  /** Every event of the tile: the spilled ones, read back, then those in memory. */
  List<Event> events() {
    return events.all(entityKey, false, records);
  }

  /**
   * Moves the events held in memory to a segment of {@code spill}, where that frees more than it
   * costs, and returns the estimated heap freed. The tile's IR, if it has one, stays: whole-tile
   * reads still need no file.
   */
  long spill(EventSpill spill) {
    if (!events.worthSpilling()) {
      return 0;
    }
    long before = estimatedBytes();
    events.spill(spill, key.startMs());
    return before - estimatedBytes();
  }

  int eventCount() {
    return events.count();
  }

  /** The id hash of the {@code i}-th event in arrival order. */
  int idHash(int i) {
    return events.idHash(i);
  }

  long newestEventTimeMs() {
    return newestEventTimeMs;
  }

  long estimatedBytes() {
    return MemoryEstimate.TILE_BASE + events.estimatedBytes() + stateBytes;
  }

  /** Marks the tile sealed: whatever still lists it lets go of it. */
  void markSealed() {
    sealed = true;
  }

  boolean isSealed() {
    return sealed;
  }

  /** Whether the state's list of tiles holding events in memory has this one. */
  boolean holdingListed() {
    return holdingListed;
  }

  void holdingListed(boolean listed) {
    holdingListed = listed;
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
    List<Event> sorted = sealedEvents();
    return new SealedMinute(entity, codec.encode(canonical.fromEvents(key, sorted)), sorted);
  }

  /** The events as the sealed row holds them: without their offsets, in canonical order. */
  List<Event> sealedEvents() {
    List<Event> sorted = events.all(entityKey, true, records);
    sorted.sort(EventOrder.CANONICAL);
    return sorted;
  }

  /** Whether some of the tile's events are in spill files (which go when its start seals). */
  boolean hasSpilledEvents() {
    return events.hasSpilled();
  }
}
