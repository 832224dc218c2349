package io.tessera.serving.training;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.ReadPlanner;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.storage.StorageKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Reads, once, everything the read plans of one entity's spine times need: the head first (as
 * serving does), then the engine's own plan at every time, whose tile and raw ranges (the possible
 * raw tail included) are joined per resolution into a few range queries, issued in parallel.
 */
final class SnapshotLoader {
  /**
   * Ranges closer than this many tiles are read as one: one query over a gap of a few empty tiles
   * costs less than a second round trip.
   */
  private static final long JOIN_GAP_TILES = 64;

  private static final int MAX_ATTEMPTS = 4;
  private static final long RETRY_PAUSE_MS = 500;

  private final AsyncTileReads store;
  private final Executor cpu;

  /**
   * @param cpu where the loaded tiles are decoded: CPU work, kept off the store driver's I/O
   *     threads
   */
  SnapshotLoader(AsyncTileReads store, Executor cpu) {
    this.store = store;
    this.cpu = cpu;
  }

  /**
   * @param view the view's engine spec
   * @param timesMs the entity's spine times, ascending
   */
  CompletionStage<EntitySnapshot> load(ViewSpec view, EntityRef entity, long[] timesMs) {
    return load(view, entity, timesMs, 1);
  }

  /** The entity's event-log events with {@code fromMs <= eventTime < toMs}, canonical order. */
  CompletionStage<List<Event>> events(EntityRef entity, long fromMs, long toMs) {
    return store.readEvents(entity, fromMs, toMs);
  }

  /**
   * A failed load is retried whole (head first again) after a pause: a sweep reads in bulk, and a
   * store busy with it or with others times a query out now and then without being down.
   */
  private CompletionStage<EntitySnapshot> load(
      ViewSpec view, EntityRef entity, long[] timesMs, int attempt) {
    ReadPlanner planner = new ReadPlanner(new Tiling(view.resolutions()));
    CompletableFuture<EntitySnapshot> loaded =
        store
            .readHead(entity)
            .thenCompose(head -> loadPlanned(view, planner, entity, head, timesMs))
            .toCompletableFuture();
    if (attempt >= MAX_ATTEMPTS) {
      return loaded;
    }
    return loaded
        .handle(
            (snapshot, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(snapshot);
              }
              Executor later =
                  CompletableFuture.delayedExecutor(
                      RETRY_PAUSE_MS * attempt, java.util.concurrent.TimeUnit.MILLISECONDS);
              return CompletableFuture.supplyAsync(() -> null, later)
                  .thenCompose(ignored -> load(view, entity, timesMs, attempt + 1));
            })
        .thenCompose(next -> next);
  }

  private CompletionStage<EntitySnapshot> loadPlanned(
      ViewSpec view, ReadPlanner planner, EntityRef entity, EntityHead head, long[] timesMs) {
    TileCodec codec = new TileCodec(new ViewAggregator(view));
    Map<Long, List<TimeRange>> tileRanges = new LinkedHashMap<>();
    List<TimeRange> rawRanges = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (long t : timesMs) {
      if (t == previous) {
        continue;
      }
      previous = t;
      ReadPlan plan = planner.plan(t, view.windows(), head.meta());
      plan.tileReads()
          .forEach(
              (resolutionMs, ranges) ->
                  tileRanges.computeIfAbsent(resolutionMs, r -> new ArrayList<>()).addAll(ranges));
      rawRanges.addAll(plan.rawReads());
      if (plan.tail() != null) {
        rawRanges.add(plan.tail().range()); // read raw when the open tile holds later events
      }
    }
    Map<Long, List<CompletableFuture<List<TileRow>>>> tileReads = new LinkedHashMap<>();
    tileRanges.forEach(
        (resolutionMs, ranges) -> {
          List<TimeRange> joined = join(ranges, JOIN_GAP_TILES * resolutionMs);
          List<CompletableFuture<List<TileRow>>> reads = new ArrayList<>();
          for (TimeRange range : joined) {
            reads.add(
                store
                    .readTiles(entity, resolutionMs, range.fromMs(), range.toMs())
                    .toCompletableFuture());
          }
          tileReads.put(resolutionMs, reads);
        });
    List<TimeRange> joinedRaw = join(rawRanges, StorageKeys.LOG_BUCKET_MS);
    List<CompletableFuture<List<Event>>> eventReads = new ArrayList<>();
    for (TimeRange range : joinedRaw) {
      eventReads.add(store.readEvents(entity, range.fromMs(), range.toMs()).toCompletableFuture());
    }
    List<CompletableFuture<?>> all = new ArrayList<>(eventReads);
    tileReads.values().forEach(all::addAll);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApplyAsync(
            done -> {
              Map<Long, List<TileRow>> rows = new LinkedHashMap<>();
              tileReads.forEach(
                  (resolutionMs, reads) -> {
                    List<TileRow> list = new ArrayList<>();
                    reads.forEach(read -> list.addAll(read.join()));
                    rows.put(resolutionMs, list);
                  });
              List<Event> events = new ArrayList<>();
              eventReads.forEach(read -> events.addAll(read.join())); // ranges ascend, disjoint
              return new EntitySnapshot(head, rows, events, codec);
            },
            cpu);
  }

  /** The union of {@code ranges}, with ranges less than {@code maxGapMs} apart joined. */
  static List<TimeRange> join(List<TimeRange> ranges, long maxGapMs) {
    List<TimeRange> union = TimeRange.union(ranges);
    List<TimeRange> joined = new ArrayList<>();
    for (TimeRange range : union) {
      if (!joined.isEmpty() && range.fromMs() - joined.get(joined.size() - 1).toMs() < maxGapMs) {
        TimeRange last = joined.remove(joined.size() - 1);
        joined.add(new TimeRange(last.fromMs(), range.toMs()));
      } else {
        joined.add(range);
      }
    }
    return joined;
  }
}
