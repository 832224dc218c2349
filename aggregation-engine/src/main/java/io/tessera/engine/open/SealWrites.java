package io.tessera.engine.open;

import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.sealed.SealedWrites;
import io.tessera.engine.view.ViewAggregator;
import java.util.concurrent.CompletableFuture;

/**
 * The store writes one seal calls for, in the order that keeps every reader exact: the sealed rows
 * and their manifests (one round, in parallel), then the coarse tiles the seal closes, rolled up
 * from the store by a {@link CoarseCloser}, which reads those manifests. The owner sends its seal
 * marker once this completes; a backfill writes a lineage's history through this same path, so its
 * rows, tiles and manifests are those the stream would have written.
 */
public final class SealWrites {
  private final SealedStore store;
  private final CoarseCloser closer;

  /**
   * @param aggregator the lineage's view; its name is the storage name rows are written under
   * @param topic the normalized topic the manifests are written for
   * @param partition the normalized partition the manifests are written for
   */
  public SealWrites(ViewAggregator aggregator, String topic, int partition, SealedStore store) {
    this.store = store;
    this.closer = new CoarseCloser(aggregator, topic, partition, store);
  }

  /** Completes when every row, manifest and closed tile of {@code result} is durable. */
  public CompletableFuture<Void> write(SealResult result) {
    return rows(result)
        .thenCompose(written -> closer.close(result.closes()))
        .thenApply(closed -> null);
  }

  /** Writes the sealed rows and their manifests of {@code result} (one round, in parallel). */
  private CompletableFuture<Void> rows(SealResult result) {
    return rows(store, result);
  }

  /**
   * Writes only the sealed rows and their manifests of {@code result} to {@code target}, for a
   * writer that rolls its closes up itself from the rows it holds (a backfill unit, whose children
   * are all its own, writing into a {@link io.tessera.engine.sealed.SealedBatch}).
   */
  public static CompletableFuture<Void> rows(SealedWrites target, SealResult result) {
    return CompletableFuture.allOf(
        target.writeMinutes(result.minutes()).toCompletableFuture(),
        target.writeManifests(result.manifests()).toCompletableFuture());
  }
}
