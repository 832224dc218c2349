package io.tessera.engine.compaction;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes of one compaction step, to apply in this order: tiles, then metadata, then pending
 * deletion. A reader that read the head (pending and metadata) before any of them still finds every
 * pending event either in its snapshot or in a tile that says it covers it.
 *
 * @param tiles tiles to insert or replace
 * @param meta the entity's new metadata
 * @param deletePendingThroughOffset pending events at or below this offset are in every tile that
 *     the plan may use for them
 * @param tooLate pending events that fell in sealed tiles and were not applied (to dead-letter with
 *     reason {@code too_late}); the service normally rejects them before they are pending
 */
public record CompactionResult(
    List<TileRow> tiles, EntityMeta meta, long deletePendingThroughOffset, List<Event> tooLate) {

  public CompactionResult {
    tiles = List.copyOf(tiles);
    tooLate = List.copyOf(tooLate);
  }

  public void apply(TileStore store, EntityRef entity) {
    writeSteps(store, entity).forEach(Runnable::run);
  }

  /** The writes one by one, in order, so tests can interleave reads between any two of them. */
  public List<Runnable> writeSteps(TileStore store, EntityRef entity) {
    List<Runnable> steps = new ArrayList<>();
    for (TileRow tile : tiles) {
      steps.add(() -> store.writeTiles(entity, List.of(tile)));
    }
    steps.add(() -> store.writeMeta(entity, meta));
    steps.add(() -> store.deletePending(entity, deletePendingThroughOffset));
    return steps;
  }
}
