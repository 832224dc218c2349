package io.tessera.streamcore.read;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.ForwardingSealedStore;
import io.tessera.engine.sealed.SealedBlocks;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SealedStore} decorator that counts range reads and what they return, and remembers the
 * latest end of anything read, for tests of what a read costs and where it stops.
 */
public final class CountingSealedStore extends ForwardingSealedStore {
  /** The Cassandra store's layout: an hour of sealed minute rows, 1,024 coarser tiles a block. */
  private static final SealedBlocks BLOCKS = new SealedBlocks(view -> 60_000L, 3_600_000L, 1_024);

  final AtomicInteger rangeReads = new AtomicInteger();

  /** What the reads would cost the Cassandra store: a query per block each touches. */
  final AtomicInteger blockQueries = new AtomicInteger();

  final AtomicInteger tileRows = new AtomicInteger();
  final AtomicInteger events = new AtomicInteger();
  final AtomicLong latestEndReadMs = new AtomicLong(Long.MIN_VALUE);

  CountingSealedStore(SealedStore delegate) {
    super(delegate);
  }

  void reset() {
    rangeReads.set(0);
    blockQueries.set(0);
    tileRows.set(0);
    events.set(0);
    latestEndReadMs.set(Long.MIN_VALUE);
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    rangeReads.incrementAndGet();
    for (long atMs = fromMs; atMs < toMs; blockQueries.incrementAndGet()) {
      atMs = BLOCKS.tiles(entity, resolutionMs, atMs).toMs();
    }
    return delegate()
        .readTiles(entity, resolutionMs, fromMs, toMs)
        .thenApply(
            rows -> {
              tileRows.addAndGet(rows.size());
              rows.forEach(
                  row ->
                      latestEndReadMs.accumulateAndGet(
                          row.key().startMs() + row.key().resolutionMs(), Math::max));
              return rows;
            });
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    rangeReads.incrementAndGet();
    for (long atMs = fromMs; atMs < toMs; blockQueries.incrementAndGet()) {
      atMs = BLOCKS.events(entity, atMs).toMs();
    }
    latestEndReadMs.accumulateAndGet(toMs, Math::max);
    return delegate()
        .readEvents(entity, fromMs, toMs)
        .thenApply(
            found -> {
              events.addAndGet(found.size());
              return found;
            });
  }
}
