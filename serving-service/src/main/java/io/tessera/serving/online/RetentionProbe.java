package io.tessera.serving.online;

import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.ReadPlanner;
import io.tessera.engine.plan.Segment;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.plan.WindowPlan;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The newest event of an entity within its view's retention, {@code [t - retention, t)}, for the
 * one case the windows cannot answer: no event in any window, while the retention reaches further
 * back than the longest window. Then {@code not_found} ("no event within retention") and {@code
 * stale} (an event, but an old one) differ only by what lies between the two.
 *
 * <p>Reads the head, and only if the compactor has absorbed an event before {@code t}, the tiles
 * and the old raw edge of a window as long as the retention, planned like any window (bounded by
 * the number of resolutions). Tile rows carry their newest event time, so nothing is decoded. Runs
 * only for entities with no event in any window: a hot path never pays for it.
 */
final class RetentionProbe {
  private RetentionProbe() {}

  /** Whether the retention reaches beyond every window (no lifetime window sees everything). */
  static boolean applies(FeatureView view) {
    boolean lifetime =
        view.features().stream()
            .flatMap(feature -> feature.windows().stream())
            .anyMatch(WindowSpec::isLifetime);
    return !lifetime && view.retentionMs() > FeatureView.longestFixedWindowMs(view.features());
  }

  /** The newest event time in {@code [t - retention, t)}, or {@link Ir#NO_EVENT_MS}. */
  static CompletionStage<Long> newestWithinRetention(
      AsyncTileReads store, FeatureView view, EntityRef entity, long tMs) {
    long fromMs = Math.max(Long.MIN_VALUE + view.retentionMs(), tMs) - view.retentionMs();
    TimeRange retained = new TimeRange(fromMs, tMs);
    return store
        .readHead(entity)
        .thenCompose(
            head -> {
              long pendingNewest = newest(head.pending(), retained);
              EntityMeta meta = head.meta();
              if (!meta.hasEvents() || meta.firstEventTimeMs() >= tMs) {
                return CompletableFuture.completedFuture(pendingNewest);
              }
              WindowPlan plan =
                  new ReadPlanner(new Tiling(view.resolutions()))
                      .planWindow(
                          tMs, WindowSpec.ofSize(Duration.ofMillis(view.retentionMs())), meta);
              List<CompletableFuture<Long>> reads = new ArrayList<>();
              for (Segment segment : plan.segments()) {
                TimeRange range = segment.range();
                if (segment instanceof Segment.Raw) {
                  reads.add(
                      store
                          .readEvents(entity, range.fromMs(), range.toMs())
                          .thenApply(events -> newest(events, range))
                          .toCompletableFuture());
                } else if (segment instanceof Segment.Tiles tiles) {
                  reads.add(
                      store
                          .readTiles(entity, tiles.resolutionMs(), range.fromMs(), range.toMs())
                          .thenApply(rows -> newestInRows(rows, tMs))
                          .toCompletableFuture());
                }
                // the tail [minute of t, t) is inside every window, which saw nothing there
              }
              return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done -> {
                        long newest = pendingNewest;
                        for (CompletableFuture<Long> read : reads) {
                          newest = Math.max(newest, read.join());
                        }
                        return newest;
                      });
            });
  }

  private static long newest(List<Event> events, TimeRange range) {
    long newest = Ir.NO_EVENT_MS;
    for (Event event : events) {
      if (range.contains(event.eventTimeMs())) {
        newest = Math.max(newest, event.eventTimeMs());
      }
    }
    return newest;
  }

  private static long newestInRows(List<TileRow> rows, long tMs) {
    long newest = Ir.NO_EVENT_MS;
    for (TileRow row : rows) {
      if (row.newestEventTimeMs() < tMs) {
        newest = Math.max(newest, row.newestEventTimeMs());
      }
    }
    return newest;
  }
}
