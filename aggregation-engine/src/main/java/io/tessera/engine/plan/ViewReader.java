package io.tessera.engine.plan;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.view.ViewSpec;

/**
 * Reads all windows of a view for one entity at {@code t} from a synchronous store: the steps of
 * {@link AsyncViewReader} (head first, plan, tiles and raw edges, tail, merge, finish), each read
 * completing before the next starts. Tests, tools and backfill use it; serving uses the
 * asynchronous reader so that a request's reads run in parallel.
 */
public final class ViewReader {
  private final AsyncViewReader reader;

  public ViewReader(ViewSpec view) {
    this.reader = new AsyncViewReader(view);
  }

  public ViewValues read(TileStore store, EntityRef entity, long tMs) {
    return reader.read(AsyncTileReads.of(store), entity, tMs).toCompletableFuture().join();
  }
}
