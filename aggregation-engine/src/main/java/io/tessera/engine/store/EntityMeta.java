package io.tessera.engine.store;

import java.util.HashMap;
import java.util.Map;

/**
 * What the compactor has done for one entity, which the read plan needs to know.
 *
 * @param firstEventTimeMs the oldest event time absorbed into tiles, or {@link #NO_TIME}
 * @param coveredOffset the highest offset the compactor has absorbed (its watermark), or -1
 * @param builtThroughMsByResolution per coarse resolution: every tile of it that ends at or before
 *     this time is built (a missing one is empty); absent means none is built yet. The finest
 *     resolution is absent: its tiles are kept eagerly.
 * @param sealedBeforeMs tiles ending at or before this never change again; events before it are too
 *     late. {@link #NO_TIME} when nothing is sealed.
 */
public record EntityMeta(
    long firstEventTimeMs,
    long coveredOffset,
    Map<Long, Long> builtThroughMsByResolution,
    long sealedBeforeMs) {

  /** No time yet: before every event. */
  public static final long NO_TIME = Long.MIN_VALUE;

  public static final EntityMeta EMPTY = new EntityMeta(NO_TIME, -1, Map.of(), NO_TIME);

  public EntityMeta {
    builtThroughMsByResolution = Map.copyOf(builtThroughMsByResolution);
  }

  public boolean hasEvents() {
    return firstEventTimeMs != NO_TIME;
  }

  /** Tiles of {@code resolutionMs} ending at or before this are built; {@link #NO_TIME} if none. */
  public long builtThroughMs(long resolutionMs) {
    return builtThroughMsByResolution.getOrDefault(resolutionMs, NO_TIME);
  }

  /** Whether an event at {@code eventTimeMs} falls in a sealed tile: a {@code too_late} event. */
  public boolean isTooLate(long eventTimeMs) {
    return sealedBeforeMs != NO_TIME && eventTimeMs < sealedBeforeMs;
  }

  public EntityMeta withBuiltThrough(long resolutionMs, long builtThroughMs) {
    Map<Long, Long> built = new HashMap<>(builtThroughMsByResolution);
    built.put(resolutionMs, builtThroughMs);
    return new EntityMeta(firstEventTimeMs, coveredOffset, built, sealedBeforeMs);
  }
}
