package io.tessera.engine.tile;

import io.tessera.engine.ir.Ir;

/**
 * A decoded tile: its span, one IR per feature of the view, and what it covers. Mutable while it is
 * built (sealed from open events, or rolled up from its children); read-only once handed to a
 * reader.
 */
public final class Tile {
  private final TileKey key;
  private final Ir[] states;
  private long coveredOffset;

  public Tile(TileKey key, Ir[] states, long coveredOffset) {
    this.key = key;
    this.states = states;
    this.coveredOffset = coveredOffset;
  }

  public TileKey key() {
    return key;
  }

  public Ir[] states() {
    return states;
  }

  public long coveredOffset() {
    return coveredOffset;
  }

  public void coverThrough(long offset) {
    coveredOffset = Math.max(coveredOffset, offset);
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
