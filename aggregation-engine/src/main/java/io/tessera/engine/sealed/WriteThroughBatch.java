package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The batch of a store that writes row by row: each write goes to the store at once and its stage
 * completes when that write is durable (so a writer joining it is paced by the store, as without a
 * batch), and the commit waits for any still in flight.
 */
final class WriteThroughBatch implements SealedBatch {
  private final SealedStore store;
  private final List<CompletableFuture<Void>> inFlight = new ArrayList<>();

  WriteThroughBatch(SealedStore store) {
    this.store = store;
  }

  @Override
  public CompletionStage<Void> writeMinutes(List<SealedMinute> minutes) {
    return track(store.writeMinutes(minutes));
  }

  @Override
  public CompletionStage<Void> writeManifests(List<SealedManifest> manifests) {
    return track(store.writeManifests(manifests));
  }

  @Override
  public CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles) {
    return track(store.writeTiles(entity, tiles));
  }

  @Override
  public synchronized CompletionStage<Void> commit() {
    return CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new));
  }

  @Override
  public void close() {}

  private synchronized CompletionStage<Void> track(CompletionStage<Void> write) {
    // only writes not yet durable are kept: a unit's thousands of writes stay a short list
    inFlight.removeIf(CompletableFuture::isDone);
    CompletableFuture<Void> future = write.toCompletableFuture();
    inFlight.add(future);
    return future;
  }
}
