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
 */
final class OpenTile {
  /** How many events a tile holds before it keeps an IR; reads fold fewer from the events. */
  static final int EVENTS_WITHOUT_IR = 4;

  private final TileKey key;
  private Ir[] states; // null until the tile holds more than EVENTS_WITHOUT_IR events
  private final List<Event> events = new ArrayList<>();
  private long minOffset = Long.MAX_VALUE;
  private long maxOffset = Long.MIN_VALUE;
  private long newestEventTimeMs = Ir.NO_EVENT_MS;
  private long estimatedBytes;

  OpenTile(TileKey key) {
    this.key = key;
    this.estimatedBytes = MemoryEstimate.tile(0);
  }

  TileKey key() {
    return key;
  }

  /** Adds a new (not duplicate) event of this tile's span. */
  void add(Event event, ViewAggregator aggregator) {
    events.add(event);
    if (states != null) {
      aggregator.add(states, event);
    } else if (events.size() > EVENTS_WITHOUT_IR) {
      states = aggregator.init();
      for (Event held : events) {
        aggregator.add(states, held);
      }
      estimatedBytes += MemoryEstimate.tile(aggregator.size()) - MemoryEstimate.tile(0);
    }
    minOffset = Math.min(minOffset, event.offset());
    maxOffset = Math.max(maxOffset, event.offset());
    newestEventTimeMs = Math.max(newestEventTimeMs, event.eventTimeMs());
    estimatedBytes += MemoryEstimate.event(event, aggregator.size());
  }

  List<Event> events() {
    return events;
  }

  /** The lowest offset among the tile's events: a replay must start at or before it. */
  long minOffset() {
    return minOffset;
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
    for (Event event : events) {
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
   * The sealed row: the tile recomputed from its events in canonical order, covering the highest
   * offset among them. Both are functions of the set of events alone (the offsets are those of the
   * log, the same in every run and replay), so every instance seals the same bytes.
   */
  SealedMinute seal(EntityRef entity, CanonicalTiles canonical, TileCodec codec) {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(EventOrder.CANONICAL);
    return new SealedMinute(
        entity, codec.encode(canonical.fromEvents(key, sorted, maxOffset)), sorted);
  }
}
