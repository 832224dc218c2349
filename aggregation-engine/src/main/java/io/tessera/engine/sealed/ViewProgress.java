package io.tessera.engine.sealed;

import java.util.Map;
import java.util.Objects;

/**
 * Where one view version stood on one normalized partition at a checkpoint.
 *
 * @param view the view name
 * @param version the view version
 * @param watermarkMs the view's watermark on the partition (see {@code PartitionWatermarks})
 * @param sealedBeforeMs every finest tile of the view's entities on the partition that ends at or
 *     before this is sealed and durable (an entity with no row there had no event)
 * @param builtThroughMsByResolution per coarser resolution: its tiles ending at or before this are
 *     written (a missing one is empty)
 */
public record ViewProgress(
    String view,
    int version,
    long watermarkMs,
    long sealedBeforeMs,
    Map<Long, Long> builtThroughMsByResolution) {
  public ViewProgress {
    Objects.requireNonNull(view, "view");
    builtThroughMsByResolution = Map.copyOf(builtThroughMsByResolution);
  }
}
