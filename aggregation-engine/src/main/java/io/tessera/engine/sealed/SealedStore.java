package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The one storage port of the streaming core. Everything written is immutable once sealed, so every
 * write is idempotent: writing the same row twice (a replay, a zombie owner) stores the same bytes.
 * Its reads of rows and tiles ({@link SealedRowReads}) may be cached by their arguments for spans
 * before a partition's seal point.
 */
public interface SealedStore extends SealedRowReads, SealedWrites {

  /** Writes sealed finest tiles with their raw events; completes when all are durable. */
  @Override
  CompletionStage<Void> writeMinutes(List<SealedMinute> minutes);

  /**
   * Writes the manifests of sealed finest tiles (with their minutes, in the same write round) or of
   * closed coarse tiles (after those tiles); completes when all are durable. A manifest is stored
   * with the same retention as the sealed rows of its view.
   */
  @Override
  CompletionStage<Void> writeManifests(List<SealedManifest> manifests);

  /**
   * The manifests of one lineage on one partition for tiles of {@code resolutionMs} with {@code
   * fromMs <= startMs < toMs}, in start order.
   */
  CompletionStage<List<SealedManifest>> readManifests(
      String storageName, String topic, int partition, long resolutionMs, long fromMs, long toMs);

  /** Writes closed coarser tiles of one entity; completes when durable. */
  @Override
  CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles);

  /**
   * Replaces the partition's checkpoint unless the stored one has a higher {@code positionOffset}
   * (a zombie's late checkpoint never moves a partition back).
   */
  CompletionStage<Void> writeCheckpoint(PartitionCheckpoint checkpoint);

  CompletionStage<Optional<PartitionCheckpoint>> readCheckpoint(String topic, int partition);

  /**
   * Opens a batch of writes that are durable once it commits. This default writes through: every
   * write goes to this store at once. A bulk store writes the batch's rows to files and hands them
   * to the database whole at the commit.
   */
  default SealedBatch openBatch() {
    return new WriteThroughBatch(this);
  }
}
