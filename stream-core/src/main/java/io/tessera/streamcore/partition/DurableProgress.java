package io.tessera.streamcore.partition;

import io.tessera.engine.open.OpenState;
import java.util.Map;

/**
 * What the store holds of one lineage on one partition, as a read must plan it: finest tiles ending
 * at or before {@code sealedBeforeMs}, and per coarser resolution its tiles ending at or before the
 * built-through time; everything after comes from memory.
 *
 * @param sealedBeforeMs the durable seal point, or {@link io.tessera.engine.open.OpenState#NO_TIME}
 * @param builtThroughMsByResolution per coarser resolution, durable through this time
 */
public record DurableProgress(long sealedBeforeMs, Map<Long, Long> builtThroughMsByResolution) {
  public DurableProgress {
    builtThroughMsByResolution = Map.copyOf(builtThroughMsByResolution);
  }

  /**
   * How far the store's tiles of {@code resolutionMs} can be read: a coarse tile is final where it
   * is built and before the seal point (a built tile past it would hold what memory also holds).
   * {@link io.tessera.engine.open.OpenState#NO_TIME} where none is.
   */
  public long readableThroughMs(long resolutionMs) {
    Long builtMs = builtThroughMsByResolution.get(resolutionMs);
    return builtMs == null ? OpenState.NO_TIME : Math.min(builtMs, sealedBeforeMs);
  }
}
