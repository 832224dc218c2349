package io.tessera.serving.online;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.store.AsyncTileReads;
import java.util.concurrent.CompletableFuture;

/**
 * Version 1's read: the engine's reader over tiles, pending and edge events in Cassandra through
 * the decorated store, each window's sealed part from {@code sealedWindows} when it is there; when
 * no event falls in any window, also the newest event the view still retains ({@link
 * RetentionProbe}).
 */
public final class TileStoreViewReads implements ViewReads {
  private final AsyncTileReads store;
  private final SealedWindowCache sealedWindows;

  public TileStoreViewReads(AsyncTileReads store, SealedWindowCache sealedWindows) {
    this.store = store;
    this.sealedWindows = sealedWindows;
  }

  @Override
  public CompletableFuture<ViewAnswer> read(ViewPlan view, EntityRef ref, long tMs) {
    return view.reader()
        .read(store, sealedWindows, ref, tMs)
        .thenCompose(
            values -> {
              long newest = ViewAnswer.newestContributing(values);
              if (newest != Ir.NO_EVENT_MS || !RetentionProbe.applies(view.definition())) {
                return CompletableFuture.completedFuture(new ViewAnswer(values, newest));
              }
              return RetentionProbe.newestWithinRetention(store, view.definition(), ref, tMs)
                  .thenApply(retained -> new ViewAnswer(values, retained));
            })
        .toCompletableFuture();
  }
}
