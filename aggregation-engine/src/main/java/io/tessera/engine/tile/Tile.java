package io.tessera.engine.tile;

import io.tessera.engine.ir.Ir;

/**
 * A decoded tile: its span and one IR per feature of the view. Mutable while it is built (sealed
 * from open events, or rolled up from its children); read-only once handed to a reader.
 */
public final class Tile {
  private final TileKey key;
  private final Ir[] states;

  public Tile(TileKey key, Ir[] states) {
    this.key = key;
    this.states = states;
  }

  public TileKey key() {
    return key;
  }

  public Ir[] states() {
    return states;
  }

  /** The newest event time in any of the tile's IRs. */
  public long newestEventTimeMs() {
    long newest = Ir.NO_EVENT_MS;
    for (Ir state : states) {
      newest = Math.max(newest, state.newestEventTimeMs());
    }
    return newest;
  }
}
