package io.tessera.engine.plan;

import java.util.Map;

/**
 * What the store holds of one entity, as the read planner asks it: where lifetime windows start,
 * and how far each coarse resolution's tiles are built.
 *
 * @param firstEventTimeMs where a lifetime window starts (the oldest event that may be stored, or a
 *     configured start), or {@link #NO_TIME}: lifetime windows then start at {@code t}
 * @param builtThroughMsByResolution per coarse resolution: every tile of it that ends at or before
 *     this time is built (a missing one is empty); absent means none is built yet. The finest
 *     resolution is absent: its tiles exist wherever they hold events.
 */
public record StoredTiles(long firstEventTimeMs, Map<Long, Long> builtThroughMsByResolution) {

  /** No time yet: before every event. */
  public static final long NO_TIME = Long.MIN_VALUE;

  /** Nothing stored: no coarse tile built, no lifetime start. */
  public static final StoredTiles EMPTY = new StoredTiles(NO_TIME, Map.of());

  public StoredTiles {
    builtThroughMsByResolution = Map.copyOf(builtThroughMsByResolution);
  }

  public boolean hasEvents() {
    return firstEventTimeMs != NO_TIME;
  }

  /** Tiles of {@code resolutionMs} ending at or before this are built; {@link #NO_TIME} if none. */
  public long builtThroughMs(long resolutionMs) {
    return builtThroughMsByResolution.getOrDefault(resolutionMs, NO_TIME);
  }
}
