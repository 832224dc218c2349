package io.tessera.aggregation.owner;

import io.tessera.engine.open.CoarseCloser;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.records.normalized.SealMarker;
import io.tessera.streamcore.lineage.Lineage;
import java.util.concurrent.CompletableFuture;

/**
 * The writes one seal calls for, in the order that keeps every reader exact: the sealed rows and
 * their manifests (one round, in parallel), then the closed coarse tiles rolled up from the store
 * ({@link CoarseCloser}, which reads those manifests), then the seal marker in the partition. A
 * follower drops sealed rows from memory only at the marker, so it never reads a span from the
 * store before the store has it; the checkpoint (written by the caller after this completes) never
 * names progress whose rows are not durable.
 */
public final class SealWriter {
  private final SealedStore store;
  private final MarkerPublisher markers;
  private final String topic;
  private final String ownerId;

  public SealWriter(SealedStore store, MarkerPublisher markers, String topic, String ownerId) {
    this.store = store;
    this.markers = markers;
    this.topic = topic;
    this.ownerId = ownerId;
  }

  /**
   * Writes {@code result} of {@code lineage} on {@code partition}; completes at the marker's ack.
   */
  public CompletableFuture<Void> write(int partition, Lineage lineage, SealResult result) {
    CompletableFuture<Void> rows =
        CompletableFuture.allOf(
            store.writeMinutes(result.minutes()).toCompletableFuture(),
            store.writeManifests(result.manifests()).toCompletableFuture());
    return rows.thenCompose(
            written ->
                new CoarseCloser(lineage.aggregator(), topic, partition, store)
                    .close(result.closes()))
        .thenCompose(
            closed ->
                markers.send(
                    partition,
                    new SealMarker(
                        lineage.view(),
                        lineage.newestVersion(),
                        ownerId,
                        result.sealedBeforeMs(),
                        result.builtThroughMsByResolution())));
  }
}
