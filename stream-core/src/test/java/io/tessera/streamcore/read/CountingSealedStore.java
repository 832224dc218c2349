package io.tessera.streamcore.read;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.ForwardingSealedStore;
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
  final AtomicInteger rangeReads = new AtomicInteger();
  final AtomicInteger tileRows = new AtomicInteger();
  final AtomicInteger events = new AtomicInteger();
  final AtomicLong latestEndReadMs = new AtomicLong(Long.MIN_VALUE);

  CountingSealedStore(SealedStore delegate) {
    super(delegate);
  }

  void reset() {
    rangeReads.set(0);
    tileRows.set(0);
    events.set(0);
    latestEndReadMs.set(Long.MIN_VALUE);
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    rangeReads.incrementAndGet();
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
