package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A store that hands every call to another: the base of a decorator named by its concern, which
 * overrides only what it changes (a bulk store its batches, a test store the writes it watches).
 */
public abstract class ForwardingSealedStore implements SealedStore {
  private final SealedStore store;

  protected ForwardingSealedStore(SealedStore store) {
    this.store = store;
  }

  /** The store calls go to. */
  protected final SealedStore delegate() {
    return store;
  }

  @Override
  public CompletionStage<Void> writeMinutes(List<SealedMinute> minutes) {
    return store.writeMinutes(minutes);
  }

  @Override
  public CompletionStage<Void> writeManifests(List<SealedManifest> manifests) {
    return store.writeManifests(manifests);
  }

  @Override
  public CompletionStage<List<SealedManifest>> readManifests(
      String storageName, String topic, int partition, long resolutionMs, long fromMs, long toMs) {
    return store.readManifests(storageName, topic, partition, resolutionMs, fromMs, toMs);
  }

  @Override
  public CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles) {
    return store.writeTiles(entity, tiles);
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    return store.readTiles(entity, resolutionMs, fromMs, toMs);
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    return store.readEvents(entity, fromMs, toMs);
  }

  @Override
  public CompletionStage<Void> writeCheckpoint(PartitionCheckpoint checkpoint) {
    return store.writeCheckpoint(checkpoint);
  }

  @Override
  public CompletionStage<Optional<PartitionCheckpoint>> readCheckpoint(
      String topic, int partition) {
    return store.readCheckpoint(topic, partition);
  }
}
