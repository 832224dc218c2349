package io.tessera.engine.sealed;

import io.tessera.engine.tile.TileKey;
import java.util.List;
import java.util.Objects;

/**
 * Which entities of one view lineage have a tile {@code tile} sealed or closed on one normalized
 * partition: written by the owner with the tiles themselves, so that closing a coarser tile later
 * needs no memory of who had children, only a read of its children's manifests. One small row per
 * partition and tile (not per event or entity), and as immutable as the tiles it names: a replay, a
 * restarted owner or a zombie writes the same list again.
 *
 * @param storageName the view lineage's storage name (sealed rows are stored under it)
 * @param topic the normalized topic
 * @param partition the normalized topic's partition
 * @param tile the sealed finest tile or the closed coarse tile
 * @param entityKeys the entities with a stored tile at {@code tile}, sorted, without repeats; never
 *     empty (a tile no entity has is not written, and neither is its manifest)
 */
public record SealedManifest(
    String storageName, String topic, int partition, TileKey tile, List<String> entityKeys) {
  public SealedManifest {
    Objects.requireNonNull(storageName, "storageName");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(tile, "tile");
    entityKeys = List.copyOf(entityKeys);
    if (entityKeys.isEmpty()) {
      throw new IllegalArgumentException("a manifest of " + tile + " names no entity");
    }
    for (int i = 1; i < entityKeys.size(); i++) {
      if (entityKeys.get(i - 1).compareTo(entityKeys.get(i)) >= 0) {
        throw new IllegalArgumentException(
            "manifest entity keys must be sorted without repeats: " + entityKeys);
      }
    }
  }
}
