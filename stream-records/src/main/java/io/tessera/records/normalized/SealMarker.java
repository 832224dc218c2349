package io.tessera.records.normalized;

import java.util.Map;
import java.util.Objects;

/**
 * Written by the aggregation owner into one partition once a view's sealed rows on it are durable:
 * every finest tile of the view's entities on this partition that ends at or before {@code
 * sealedBeforeMs} is in the store, and so is every coarser tile up to its built-through time.
 *
 * <p>Followers (serving) seal the same tiles at the same watermark records, since sealing is a pure
 * function of the log, but keep them in memory until this marker says the store has them; from then
 * on a read takes them from the store. So a read never finds a tile in neither place, and never in
 * both (invariant 2). A zombie owner's marker is harmless: it writes one only after its own writes
 * of the same bytes were acknowledged, and readers take the newest seal point.
 *
 * @param view the feature view
 * @param viewVersion a version of the view's tile lineage (readers map it to the lineage)
 * @param owner the aggregation instance that wrote the rows
 * @param sealedBeforeMs finest tiles ending at or before this are durable
 * @param builtThroughMsByResolution per coarser resolution, its tiles ending at or before this are
 *     durable (a missing one is empty)
 */
public record SealMarker(
    String view,
    int viewVersion,
    String owner,
    long sealedBeforeMs,
    Map<Long, Long> builtThroughMsByResolution)
    implements NormalizedRecord {

  public SealMarker {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(owner, "owner");
    if (viewVersion < 1) {
      throw new IllegalArgumentException("view versions count from 1, was " + viewVersion);
    }
    builtThroughMsByResolution = Map.copyOf(builtThroughMsByResolution);
  }
}
