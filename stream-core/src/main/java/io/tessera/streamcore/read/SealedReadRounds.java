package io.tessera.streamcore.read;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.streamcore.partition.DurableProgress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads a plan's sealed tiles and raw edges coarse to fine, so that a finer read is made only where
 * a coarser tile says the entity has something there. A coarse tile is the merge of the finer tiles
 * of its span and is written once its span closes, so where a built coarse tile is absent no finer
 * tile and no raw event exists. Most entities are quiet: a window's edge hours (t-1h, t-1d, t-7d)
 * usually hold none of their events, and read in one round each cost a store query for nothing.
 *
 * <p>Three rounds, each skipped without a wait when the reads it makes are answered at once (a
 * cache):
 *
 * <ol>
 *   <li>the coarse tiles (all resolutions but the finest), one read of each from the first planned
 *       tile to the last; the second-finest read also covers the whole tiles around the finest
 *       ranges and raw edges, where they are built (its store block is read anyway: usually no
 *       extra query);
 *   <li>the finest tiles, trimmed where round 1 shows nothing, and widened over the raw edges'
 *       whole finest tiles (the sealed rows' own tiles) where that joins a planned read;
 *   <li>the raw events, trimmed where round 1 or 2 shows no tile.
 * </ol>
 *
 * <p>Ranges are only trimmed at their ends, never split, so a trimmed read touches no more store
 * blocks than the plan's. Widened reads stay where the planner reads: coarse tiles only where built
 * and never past the durable seal point {@code D}, finest tiles only before {@code D}, so whatever
 * they return is final. The merge takes only each segment's own range from what was read, so the
 * extra tiles change no value.
 */
final class SealedReadRounds {
  /** How many tiles a trim looks at from each end of a range: an edge is a tile or two. */
  private static final int MAX_TRIM_STEPS = 64;

  private final Tiling tiling;

  SealedReadRounds(Tiling tiling) {
    this.tiling = tiling;
  }

  /** What the rounds read: tile rows per resolution, raw events, and how many reads were made. */
  record Rows(Map<Long, List<TileRow>> tiles, List<Event> raw, int queries) {}

  /**
   * @param raw the raw ranges to read (event time), disjoint
   * @param durable what the store holds of the lineage on the partition, as the plan was made with
   */
  CompletionStage<Rows> read(
      SealedRowReads store,
      EntityRef entity,
      ReadPlan plan,
      List<TimeRange> raw,
      DurableProgress durable) {
    Reading reading = new Reading(store, entity, plan, raw, durable);
    return reading
        .coarse()
        .thenCompose(ignored -> reading.finest())
        .thenCompose(i -> reading.raw());
  }

  /**
   * Every planned read in one round, nothing trimmed: for a store that answers from memory (a
   * preloaded span), where a widened read could reach outside what it holds.
   */
  CompletionStage<Rows> readAtOnce(
      SealedRowReads store, EntityRef entity, ReadPlan plan, List<TimeRange> raw) {
    Map<Long, List<CompletableFuture<List<TileRow>>>> tileReads = new LinkedHashMap<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (Map.Entry<Long, List<TimeRange>> planned : plan.tileReads().entrySet()) {
      long resolutionMs = planned.getKey();
      List<CompletableFuture<List<TileRow>>> reads = new ArrayList<>();
      for (TimeRange range : planned.getValue()) {
        reads.add(
            store
                .readTiles(entity, resolutionMs, range.fromMs(), range.toMs())
                .toCompletableFuture());
      }
      tileReads.put(resolutionMs, reads);
      all.addAll(reads);
    }
    List<CompletableFuture<List<Event>>> rawReads = new ArrayList<>();
    for (TimeRange range : raw) {
      rawReads.add(store.readEvents(entity, range.fromMs(), range.toMs()).toCompletableFuture());
    }
    all.addAll(rawReads);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<Long, List<TileRow>> tiles = new LinkedHashMap<>();
              tileReads.forEach(
                  (resolutionMs, reads) -> tiles.put(resolutionMs, concatenated(reads)));
              return new Rows(tiles, concatenated(rawReads), all.size());
            });
  }

  private static <T> List<T> concatenated(List<CompletableFuture<List<T>>> reads) {
    List<T> all = new ArrayList<>();
    reads.forEach(read -> all.addAll(read.join()));
    return all;
  }

  /** The tiles read of one resolution over whole spans: a span read and no tile is empty. */
  private record Known(long resolutionMs, List<TimeRange> spans, Set<Long> starts) {

    /** Whether the tile starting at {@code startMs} was read over its whole span and is absent. */
    boolean absent(long startMs) {
      if (starts.contains(startMs)) {
        return false;
      }
      long endMs = startMs + resolutionMs;
      for (TimeRange span : spans) {
        if (span.fromMs() <= startMs && endMs <= span.toMs()) {
          return true;
        }
      }
      return false;
    }
  }

  private final class Reading {
    private final SealedRowReads store;
    private final EntityRef entity;
    private final ReadPlan plan;
    private final List<TimeRange> raw;
    private final DurableProgress durable;
    private final long durableMs;
    private final Map<Long, List<TileRow>> tiles = new LinkedHashMap<>();
    private final List<Known> known = new ArrayList<>();
    private int queries;

    Reading(
        SealedRowReads store,
        EntityRef entity,
        ReadPlan plan,
        List<TimeRange> raw,
        DurableProgress durable) {
      this.store = store;
      this.entity = entity;
      this.plan = plan;
      this.raw = raw;
      this.durable = durable;
      this.durableMs = durable.sealedBeforeMs();
    }

    /** Round 1: every coarse resolution at once; the second-finest also over the finer spans. */
    CompletionStage<Void> coarse() {
      int finest = tiling.levels() - 1;
      List<CompletableFuture<Void>> reads = new ArrayList<>();
      for (int level = 0; level < finest; level++) {
        long resolutionMs = tiling.resolutionMs(level);
        List<TimeRange> ranges = new ArrayList<>(planned(resolutionMs));
        if (level == finest - 1) {
          List<TimeRange> finer = new ArrayList<>(planned(tiling.finestMs()));
          finer.addAll(raw);
          ranges.addAll(
              wholeTilesAround(finer, resolutionMs, durable.readableThroughMs(resolutionMs)));
        }
        reads.add(readTiles(resolutionMs, hull(ranges)));
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
    }

    /**
     * Round 2: the finest tiles, trimmed by round 1, also over the raw edges' whole tiles where
     * those join a planned read (the same store block: free; elsewhere a query would be spent to
     * spare one).
     */
    CompletionStage<Void> finest() {
      long finestMs = tiling.finestMs();
      List<TimeRange> ranges = new ArrayList<>();
      for (TimeRange range : planned(finestMs)) {
        TimeRange trimmed = trimmed(range);
        if (!trimmed.isEmpty()) {
          ranges.add(trimmed);
        }
      }
      List<TimeRange> reads = new ArrayList<>(ranges);
      for (TimeRange around : wholeTilesAround(raw, finestMs, durableMs)) {
        TimeRange trimmed = trimmed(around);
        if (!trimmed.isEmpty() && joinsAny(trimmed, ranges)) {
          reads.add(trimmed);
        }
      }
      return readTiles(finestMs, TimeRange.union(reads));
    }

    /** Round 3: the raw events, trimmed by the tiles read. */
    CompletionStage<Rows> raw() {
      List<CompletableFuture<List<Event>>> reads = new ArrayList<>();
      for (TimeRange range : raw) {
        TimeRange trimmed = trimmed(range);
        if (!trimmed.isEmpty()) {
          queries++;
          reads.add(
              store.readEvents(entity, trimmed.fromMs(), trimmed.toMs()).toCompletableFuture());
        }
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
          .thenApply(done -> new Rows(tiles, concatenated(reads), queries));
    }

    private List<TimeRange> planned(long resolutionMs) {
      return plan.tileReads().getOrDefault(resolutionMs, List.of());
    }

    /** Reads {@code ranges} of one resolution; remembers them as known, with the tiles found. */
    private CompletableFuture<Void> readTiles(long resolutionMs, List<TimeRange> ranges) {
      List<CompletableFuture<List<TileRow>>> reads = new ArrayList<>();
      for (TimeRange range : ranges) {
        queries++;
        reads.add(
            store
                .readTiles(entity, resolutionMs, range.fromMs(), range.toMs())
                .toCompletableFuture());
      }
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
          .thenAccept(
              done -> {
                List<TileRow> rows = new ArrayList<>();
                Set<Long> starts = new HashSet<>();
                for (CompletableFuture<List<TileRow>> read : reads) {
                  for (TileRow row : read.join()) {
                    rows.add(row);
                    starts.add(row.key().startMs());
                  }
                }
                // round 1's reads complete on their own threads; later rounds see all of it
                synchronized (known) {
                  tiles.put(resolutionMs, rows);
                  known.add(new Known(resolutionMs, ranges, starts));
                }
              });
    }

    /**
     * {@code range} without the tiles at either end that a known resolution shows absent: those
     * hold nothing, so reading them is a query for nothing. Empty when nothing of it can hold data.
     */
    private TimeRange trimmed(TimeRange range) {
      long fromMs = range.fromMs();
      long toMs = range.toMs();
      synchronized (known) {
        for (Known level : known) {
          long res = level.resolutionMs();
          for (int step = 0; step < MAX_TRIM_STEPS && fromMs < toMs; step++) {
            long startMs = Tiling.floor(fromMs, res);
            if (!level.absent(startMs)) {
              break;
            }
            fromMs = Math.min(toMs, startMs + res);
          }
          for (int step = 0; step < MAX_TRIM_STEPS && fromMs < toMs; step++) {
            long startMs = Tiling.floor(toMs - 1, res);
            if (!level.absent(startMs)) {
              break;
            }
            toMs = Math.max(fromMs, startMs);
          }
        }
      }
      return fromMs < toMs ? new TimeRange(fromMs, toMs) : new TimeRange(fromMs, fromMs);
    }
  }

  /**
   * One range from the first start to the last end of {@code ranges}: coarse tiles of a view's
   * windows lie in one store block or two, and a block is read whole anyway (serving's cache reads
   * from its start), while reads of one block side by side would each be a query.
   */
  private static List<TimeRange> hull(List<TimeRange> ranges) {
    List<TimeRange> joined = TimeRange.union(ranges);
    return joined.size() <= 1
        ? joined
        : List.of(new TimeRange(joined.get(0).fromMs(), joined.get(joined.size() - 1).toMs()));
  }

  /** Whether {@code range} overlaps or touches one of {@code ranges}. */
  private static boolean joinsAny(TimeRange range, List<TimeRange> ranges) {
    for (TimeRange other : ranges) {
      if (range.fromMs() <= other.toMs() && other.fromMs() <= range.toMs()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The whole tiles of {@code resolutionMs} around {@code ranges} that end by {@code throughMs}:
   * where tiles of it are final.
   */
  private static List<TimeRange> wholeTilesAround(
      List<TimeRange> ranges, long resolutionMs, long throughMs) {
    List<TimeRange> around = new ArrayList<>();
    if (throughMs == OpenState.NO_TIME) {
      return around;
    }
    long lastEndMs = Tiling.floor(throughMs, resolutionMs);
    for (TimeRange range : ranges) {
      if (range.isEmpty()) {
        continue;
      }
      long fromMs = Tiling.floor(range.fromMs(), resolutionMs);
      long toMs = Math.min(Tiling.ceil(range.toMs(), resolutionMs), lastEndMs);
      if (fromMs < toMs) {
        around.add(new TimeRange(fromMs, toMs));
      }
    }
    return around;
  }
}
