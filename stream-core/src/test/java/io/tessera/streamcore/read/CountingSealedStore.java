package io.tessera.streamcore.read;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SealedStore} decorator that counts range reads and what they return, and remembers the
 * latest end of anything read, for tests of what a read costs and where it stops.
 */
public final class CountingSealedStore implements SealedStore {
  private final SealedStore delegate;
  final AtomicInteger rangeReads = new AtomicInteger();
  final AtomicInteger tileRows = new AtomicInteger();
  final AtomicInteger events = new AtomicInteger();
  final AtomicLong latestEndReadMs = new AtomicLong(Long.MIN_VALUE);

  CountingSealedStore(SealedStore delegate) {
    this.delegate = delegate;
  }

  void reset() {
    rangeReads.set(0);
    tileRows.set(0);
    events.set(0);
    latestEndReadMs.set(Long.MIN_VALUE);
  }

  @Override
  public CompletionStage<Void> writeMinutes(List<SealedMinute> minutes) {
    return delegate.writeMinutes(minutes);
  }

  @Override
  public CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles) {
    return delegate.writeTiles(entity, tiles);
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    rangeReads.incrementAndGet();
    return delegate
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
    return delegate
        .readEvents(entity, fromMs, toMs)
        .thenApply(
            found -> {
              events.addAndGet(found.size());
              return found;
            });
  }

  @Override
  public CompletionStage<Void> writeManifests(List<SealedManifest> manifests) {
    return delegate.writeManifests(manifests);
  }

  @Override
  public CompletionStage<List<SealedManifest>> readManifests(
      String storageName, String topic, int partition, long resolutionMs, long fromMs, long toMs) {
    return delegate.readManifests(storageName, topic, partition, resolutionMs, fromMs, toMs);
  }

  @Override
  public CompletionStage<Void> writeCheckpoint(PartitionCheckpoint checkpoint) {
    return delegate.writeCheckpoint(checkpoint);
  }

  @Override
  public CompletionStage<Optional<PartitionCheckpoint>> readCheckpoint(
      String topic, int partition) {
    return delegate.readCheckpoint(topic, partition);
  }
}
