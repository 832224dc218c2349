package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The writes of sealed data: finest rows with their events, manifests and closed coarse tiles. A
 * {@link SealedStore} takes them one by one, each durable when its stage completes; a {@link
 * SealedBatch} takes them for a commit that makes them durable together.
 */
public interface SealedWrites {

  /** Writes sealed finest tiles with their raw events. */
  CompletionStage<Void> writeMinutes(List<SealedMinute> minutes);

  /**
   * Writes the manifests of sealed finest tiles (with their minutes, in the same write round) or of
   * closed coarse tiles (after those tiles). A manifest is stored with the same retention as the
   * sealed rows of its view.
   */
  CompletionStage<Void> writeManifests(List<SealedManifest> manifests);

  /** Writes closed coarser tiles of one entity. */
  CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles);
}
