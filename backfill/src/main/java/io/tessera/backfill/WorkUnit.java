package io.tessera.backfill;

/**
 * One piece of a backfill: the events of one normalized partition within one tile of the lineage's
 * coarsest resolution. Units share nothing: each seals its own minutes and closes its own coarse
 * tiles (every one of them lies inside the unit), reading back only the manifests it wrote, so
 * units run in parallel, on any thread or instance, in any order.
 *
 * @param partition the normalized partition whose manifests the unit writes
 * @param startMs the start of the unit's coarsest tile
 * @param endMs its end
 */
public record WorkUnit(int partition, long startMs, long endMs) {
  public WorkUnit {
    if (partition < 0 || startMs >= endMs) {
      throw new IllegalArgumentException(
          "no such unit: partition " + partition + ", [" + startMs + ", " + endMs + ")");
    }
  }
}
