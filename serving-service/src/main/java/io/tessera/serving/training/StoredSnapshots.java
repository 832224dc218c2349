package io.tessera.serving.training;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.serving.online.ViewPlan;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Version 1's timelines: one {@link SnapshotLoader} load of the tiles, pending and edge events the
 * plans of all the times need, then the engine's reader over that decoded copy at each time.
 */
public final class StoredSnapshots implements Timelines {
  private final AsyncTileReads store;

  public StoredSnapshots(AsyncTileReads store) {
    this.store = store;
  }

  @Override
  public CompletionStage<EntityTimeline> load(
      ViewPlan view, EntityRef entity, long[] timesMs, Executor cpu) {
    SnapshotLoader loader = new SnapshotLoader(store, cpu);
    return loader
        .load(view.reader().view(), entity, timesMs)
        .thenApply(snapshot -> new SnapshotTimeline(view, entity, snapshot, loader));
  }

  private record SnapshotTimeline(
      ViewPlan view, EntityRef entity, EntitySnapshot snapshot, SnapshotLoader loader)
      implements EntityTimeline {

    @Override
    public ViewValues at(long tMs) {
      return view.reader().read(snapshot, tMs);
    }

    /**
     * Its first absorbed or pending event, but not before the event log's retention (older raw
     * events are gone from it).
     */
    @Override
    public long horizonMs(long retentionMs, long nowMs) {
      long oldestMs =
          snapshot.head().meta().hasEvents()
              ? snapshot.head().meta().firstEventTimeMs()
              : Long.MAX_VALUE;
      for (Event event : snapshot.head().pending()) {
        oldestMs = Math.min(oldestMs, event.eventTimeMs());
      }
      return retentionMs > 0 ? Math.max(oldestMs, nowMs - retentionMs) : oldestMs;
    }

    @Override
    public CompletionStage<List<Event>> storedEvents(long fromMs, long toMs) {
      return loader.events(entity, fromMs, toMs);
    }
  }
}
