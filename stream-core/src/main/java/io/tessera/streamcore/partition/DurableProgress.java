package io.tessera.streamcore.partition;

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
}
