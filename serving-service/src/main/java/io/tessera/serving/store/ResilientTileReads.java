package io.tessera.serving.store;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Version 1's store reads, each bounded by the {@link StoreCallGuard}. A failed call fails its
 * (entity, view) read, which serving reports as {@code unavailable}.
 */
public final class ResilientTileReads implements AsyncTileReads {
  private final AsyncTileReads store;
  private final StoreCallGuard guard;

  public ResilientTileReads(AsyncTileReads store, StoreCallGuard guard) {
    this.store = store;
    this.guard = guard;
  }

  @Override
  public CompletionStage<EntityHead> readHead(EntityRef entity) {
    return guard.call(() -> store.readHead(entity));
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    return guard.call(() -> store.readTiles(entity, resolutionMs, fromMs, toMs));
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    return guard.call(() -> store.readEvents(entity, fromMs, toMs));
  }
}
