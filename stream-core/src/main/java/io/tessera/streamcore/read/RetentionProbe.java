package io.tessera.streamcore.read;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.Segment;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.plan.WindowPlan;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.streamcore.partition.DurableProgress;
import io.tessera.streamcore.partition.PartitionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The newest event of one entity in a span no window covers, {@code [fromMs, toMs)}: what tells an
 * entity that is only quiet (an event within the view's retention, older than every window) from
 * one the view has never seen there. Reads no event unless it must.
 *
 * <p>Memory's part {@code [max(from, D), to)} is folded under the partition's lock, like a window,
 * and if it holds an event that is the answer (everything in the store is older). Otherwise the
 * store's part {@code [from, min(D, to))} is planned as a window ({@link SealedSpanPlanner}: coarse
 * tiles where built, finer ones at the edges), and only tile rows are read: each carries the newest
 * event time of its tile, so nothing is decoded. A raw edge (less than one finest tile at either
 * end) is answered by the finest tile around it: its newest event is in the edge, or before it
 * (then the edge has none). Only when that tile's newest event lies after the edge, which the
 * serving caller rules out by asking up to the start of its longest window, are the edge's raw
 * events read. The cost is bounded by the resolutions, as a window's (invariant 6).
 */
public final class RetentionProbe {
  private final ViewAggregator aggregator;
  private final SealedSpanPlanner planner;

  /** A probe of {@code view}, the lineage's view (its name is the lineage's storage name). */
  public RetentionProbe(ViewSpec view, SealedSpanPlanner planner) {
    this.aggregator = new ViewAggregator(view);
    this.planner = planner;
  }

  /**
   * The newest event time of {@code entityKey} with {@code fromMs <= eventTime < toMs}: memory of
   * {@code partition} after its durable seal point, the sealed store before it; {@link
   * Ir#NO_EVENT_MS} when there is none.
   */
  public CompletionStage<Long> newestBetween(
      SealedRowReads store,
      PartitionState partition,
      String storageName,
      String entityKey,
      long fromMs,
      long toMs) {
    if (fromMs >= toMs) {
      return CompletableFuture.completedFuture(Ir.NO_EVENT_MS);
    }
    Ir[] memory = aggregator.init();
    DurableProgress durable = partition.fold(storageName, entityKey, fromMs, toMs, memory);
    long memoryNewest = Ir.NO_EVENT_MS;
    for (Ir state : memory) {
      memoryNewest = Math.max(memoryNewest, state.newestEventTimeMs());
    }
    if (memoryNewest != Ir.NO_EVENT_MS) {
      return CompletableFuture.completedFuture(memoryNewest);
    }
    EntityRef entity = new EntityRef(storageName, entityKey);
    WindowSpec span = WindowSpec.ofSize(Duration.ofMillis(toMs - fromMs));
    WindowPlan plan = planner.planWindow(toMs, span, durable);
    List<CompletableFuture<Long>> reads = new ArrayList<>();
    for (Segment segment : plan.segments()) {
      if (segment instanceof Segment.Tiles tiles) {
        reads.add(newestInTiles(store, entity, tiles.resolutionMs(), tiles.range()));
      } else {
        reads.add(newestInEdge(store, entity, segment.range()));
      }
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              long newest = Ir.NO_EVENT_MS;
              for (CompletableFuture<Long> read : reads) {
                newest = Math.max(newest, read.join());
              }
              return newest;
            });
  }

  private static CompletableFuture<Long> newestInTiles(
      SealedRowReads store, EntityRef entity, long resolutionMs, TimeRange range) {
    return store
        .readTiles(entity, resolutionMs, range.fromMs(), range.toMs())
        .thenApply(
            rows -> {
              long newest = Ir.NO_EVENT_MS;
              for (TileRow row : rows) {
                newest = Math.max(newest, row.newestEventTimeMs());
              }
              return newest;
            })
        .toCompletableFuture();
  }

  /** A raw edge, from the finest tiles around it; its events only when a tile cannot tell. */
  private CompletableFuture<Long> newestInEdge(
      SealedRowReads store, EntityRef entity, TimeRange edge) {
    long finestMs = planner.tiling().finestMs();
    long fromMs = Tiling.floor(edge.fromMs(), finestMs);
    long toMs = Tiling.floor(edge.toMs() - 1, finestMs) + finestMs;
    return store
        .readTiles(entity, finestMs, fromMs, toMs)
        .thenCompose(
            rows -> {
              long newest = Ir.NO_EVENT_MS;
              for (TileRow row : rows) {
                long rowNewest = row.newestEventTimeMs();
                if (rowNewest >= edge.toMs()) {
                  // the tile's newest is after the edge: whether the edge holds one, only its
                  // events say
                  return store
                      .readEvents(entity, edge.fromMs(), edge.toMs())
                      .thenApply(RetentionProbe::newestOf);
                }
                if (rowNewest >= edge.fromMs()) {
                  newest = Math.max(newest, rowNewest);
                }
              }
              return CompletableFuture.completedFuture(newest);
            })
        .toCompletableFuture();
  }

  private static long newestOf(List<Event> events) {
    long newest = Ir.NO_EVENT_MS;
    for (Event event : events) {
      newest = Math.max(newest, event.eventTimeMs());
    }
    return newest;
  }
}
