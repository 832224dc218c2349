package io.tessera.engine.open;

import io.tessera.engine.tile.TileKey;
import java.util.List;

/**
 * A coarse tile (hour, day: any resolution above the finest) that closed on a partition: every
 * finest tile inside it is sealed, so each listed entity's tile can be rolled up ({@link Rollup})
 * from its finer children once those are durable. Entities with no sealed child in the span are not
 * listed: their coarse tile is empty and is never written.
 *
 * <p>Right after a restore the list may name an entity that has no child after all (a replayed
 * record that was a dead letter, see the package documentation); its roll-up finds no children and
 * writes nothing, so the rows written are the same.
 *
 * @param resolutionMs the coarse resolution
 * @param startMs the tile's start, a multiple of {@code resolutionMs}
 * @param entityKeys the entities that may have sealed children, sorted, without repeats
 */
public record CoarseClose(long resolutionMs, long startMs, List<String> entityKeys) {
  public CoarseClose {
    entityKeys = List.copyOf(entityKeys);
  }

  /** The closed tile's key. */
  public TileKey key() {
    return new TileKey(resolutionMs, startMs);
  }
}
