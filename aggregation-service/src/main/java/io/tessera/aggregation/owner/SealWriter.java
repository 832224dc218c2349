package io.tessera.aggregation.owner;

import io.tessera.engine.open.SealResult;
import io.tessera.engine.open.SealWrites;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.records.normalized.SealMarker;
import io.tessera.streamcore.lineage.Lineage;
import java.util.concurrent.CompletableFuture;

/**
 * The writes one seal calls for, in the order that keeps every reader exact: the rows, manifests
 * and closed coarse tiles ({@link SealWrites}), then the seal marker in the partition. A follower
 * drops sealed rows from memory only at the marker, so it never reads a span from the store before
 * the store has it; the checkpoint (written by the caller after this completes) never names
 * progress whose rows are not durable.
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
    return new SealWrites(lineage.aggregator(), topic, partition, store)
        .write(result)
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
