package io.tessera.storage.bulk;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedBatch;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.TileRow;
import io.tessera.storage.sealed.FinestResolution;
import io.tessera.storage.sealed.SealedRows;
import io.tessera.storage.sealed.ViewRetention;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The storage port with bulk batches: {@link #openBatch} writes a batch's rows as SSTables in this
 * process and imports them into the node at its commit ({@link SSTableBatch}), instead of a request
 * per row; everything else is the decorated store's (the CQL store: reads, checkpoints, and writes
 * outside a batch). A backfill unit writes through one batch, so its rows reach Cassandra as a few
 * files; its rows, tiles and manifests are those the CQL store writes, encoded by the same {@link
 * SealedRows} with the same finest resolutions and retention.
 */
public final class BulkSealedStore implements SealedStore {
  private final SealedStore store;
  private final SealedRows rows;
  private final BulkSettings settings;
  private final SSTableImport importer;

  /**
   * @param store the CQL store of the same tables, for everything but batches
   * @param finest and {@code retention}: those the CQL store was made with
   */
  public BulkSealedStore(
      SealedStore store,
      FinestResolution finest,
      ViewRetention retention,
      BulkSettings settings,
      SSTableImport importer) {
    this.store = store;
    this.rows = new SealedRows(finest, retention);
    this.settings = settings;
    this.importer = importer;
  }

  @Override
  public SealedBatch openBatch() {
    return new SSTableBatch(rows, settings, importer);
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
