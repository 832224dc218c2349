package io.tessera.engine.store;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The reads of the read plan, asynchronous: what serving uses to issue a request's tile and raw
 * reads in parallel once the head is in. Same meaning and ordering contract as the reads of {@link
 * TileStore}: {@link #readHead} first, then the others in any order.
 */
public interface AsyncTileReads {

  CompletionStage<EntityHead> readHead(EntityRef entity);

  CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs);

  CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs);

  /** The reads of a synchronous store, each already completed when it is returned. */
  static AsyncTileReads of(TileStore store) {
    return new AsyncTileReads() {
      @Override
      public CompletionStage<EntityHead> readHead(EntityRef entity) {
        return CompletableFuture.completedFuture(store.readHead(entity));
      }

      @Override
      public CompletionStage<List<TileRow>> readTiles(
          EntityRef entity, long resolutionMs, long fromMs, long toMs) {
        return CompletableFuture.completedFuture(
            store.readTiles(entity, resolutionMs, fromMs, toMs));
      }

      @Override
      public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
        return CompletableFuture.completedFuture(store.readEvents(entity, fromMs, toMs));
      }
    };
  }
}
