package io.tessera.engine.tile;

import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical computation of a tile (invariant 3): a finest tile adds its events in (event time,
 * event id) order; a coarser tile merges its finer children in time order. Sealing and backfill
 * both call this, so a sealed tile's bytes depend only on the events in its span.
 */
public final class CanonicalTiles {
  private final ViewAggregator aggregator;

  public CanonicalTiles(ViewAggregator aggregator) {
    this.aggregator = aggregator;
  }

  /** The finest tile {@code key} from its events (any order; events outside the span ignored). */
  public Tile fromEvents(TileKey key, List<Event> events) {
    List<Event> sorted = new ArrayList<>();
    for (Event event : events) {
      if (key.contains(event.eventTimeMs())) {
        sorted.add(event);
      }
    }
    sorted.sort(EventOrder.CANONICAL);
    Ir[] states = aggregator.init();
    for (Event event : sorted) {
      aggregator.add(states, event);
    }
    return new Tile(key, states);
  }

  /** The coarse tile {@code key} from its direct finer children (any order; others ignored). */
  public Tile fromChildren(TileKey key, List<Tile> children) {
    List<Tile> sorted = new ArrayList<>();
    for (Tile child : children) {
      if (key.contains(child.key().startMs()) && child.key().resolutionMs() < key.resolutionMs()) {
        sorted.add(child);
      }
    }
    sorted.sort(Comparator.comparingLong(child -> child.key().startMs()));
    Ir[] states = aggregator.init();
    for (Tile child : sorted) {
      aggregator.merge(states, child.states());
    }
    return new Tile(key, states);
  }
}
