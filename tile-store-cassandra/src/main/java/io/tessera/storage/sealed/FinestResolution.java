package io.tessera.storage.sealed;

/**
 * The finest tile resolution of a view lineage: which table answers a tile read. Sealed finest
 * tiles live with their raw events (the sealed rows), coarser ones in the tile table, and the
 * port's {@code readTiles} names only a resolution. The aggregation-service and serving answer from
 * the view definitions; a lineage keeps its tiling (a new tiling is a new lineage, a new storage
 * name).
 */
@FunctionalInterface
public interface FinestResolution {

  /** Every view's finest tiles are minutes: the default tiling. */
  FinestResolution MINUTES = view -> 60_000L;

  /** The finest resolution of {@code view}'s tiles, in milliseconds. */
  long finestMs(String view);
}
