package io.tessera.engine.compaction;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * A store decorator that runs some queued compaction writes before each read: a reader's reads then
 * see the compactor's writes at every possible point in between.
 */
final class InterleavingStore implements TileStore {
  private final TileStore delegate;
  private final Deque<Runnable> queued = new ArrayDeque<>();
  private final Random random;

  InterleavingStore(TileStore delegate, long seed) {
    this.delegate = delegate;
    this.random = new Random(seed);
  }

  void queue(List<Runnable> writes) {
    queued.addAll(writes);
  }

  void drain() {
    while (!queued.isEmpty()) {
      queued.poll().run();
    }
  }

  private void interleave() {
    int n = queued.isEmpty() ? 0 : random.nextInt(queued.size() + 1);
    for (int i = 0; i < n; i++) {
      queued.poll().run();
    }
  }

  @Override
  public boolean append(EntityRef entity, Event event) {
    return delegate.append(entity, event);
  }

  @Override
  public EntityHead readHead(EntityRef entity) {
    interleave();
    return delegate.readHead(entity);
  }

  @Override
  public List<TileRow> readTiles(EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    interleave();
    return delegate.readTiles(entity, resolutionMs, fromMs, toMs);
  }

  @Override
  public List<Event> readEvents(EntityRef entity, long fromMs, long toMs) {
    interleave();
    return delegate.readEvents(entity, fromMs, toMs);
  }

  @Override
  public void writeTiles(EntityRef entity, List<TileRow> tiles) {
    delegate.writeTiles(entity, tiles);
  }

  @Override
  public void writeMeta(EntityRef entity, EntityMeta meta) {
    delegate.writeMeta(entity, meta);
  }

  @Override
  public void deletePending(EntityRef entity, long throughOffset) {
    delegate.deletePending(entity, throughOffset);
  }
}
