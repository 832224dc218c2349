package io.tessera.streamcore.read;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.PlanInputs;
import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.ReadStats;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.plan.SealedWindows;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.plan.WindowMerger;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.streamcore.partition.DurableProgress;
import io.tessera.streamcore.partition.PartitionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Reads all windows of one entity of a view lineage at {@code t} on a serving follower, as named
 * steps: fold memory (every window under one lock, so all are cut at one durable seal point {@code
 * D}), plan the sealed parts over what is durable, read the planned tiles and raw edges (coarse to
 * fine, {@link SealedReadRounds}, so quiet spans cost no query), merge in time order (store before
 * {@code D}, then memory), finish. Nothing blocks: the memory step is a read lock held for CPU work
 * only, the store step completes asynchronously.
 *
 * <p>Every event counts once: memory answers {@code [max(t-W, D), t)} and the store {@code [t-W,
 * min(D, t))}, two disjoint spans whose union is the window; both are decided by the same {@code D}
 * read under the lock, and the store's rows before {@code D} never change. Thread-safe.
 */
public final class FollowerViewReader {
  private final ViewSpec view;
  private final ViewAggregator aggregator;
  private final SealedSpanPlanner planner;
  private final SealedWindowCache merged;
  private final TileCodec codec;
  private final WindowMerger merger;
  private final SealedReadRounds rounds;

  /** A reader of {@code view}, the lineage's view (its name is the lineage's storage name). */
  public FollowerViewReader(ViewSpec view) {
    this(view, new SealedSpanPlanner(new Tiling(view.resolutions())), SealedWindowCache.NONE);
  }

  /**
   * A reader whose sealed parts are planned by {@code planner} (a lifetime start, say) and whose
   * windows' merged sealed prefixes are kept in {@code merged}: a request then merges one cached IR
   * per window instead of reading and merging every sealed tile again. Everything the planner plans
   * lies before the durable seal point, where nothing changes, so entries never go stale.
   */
  public FollowerViewReader(ViewSpec view, SealedSpanPlanner planner, SealedWindowCache merged) {
    this.view = view;
    this.aggregator = new ViewAggregator(view);
    this.planner = planner;
    this.merged = merged;
    this.codec = new TileCodec(aggregator);
    this.merger = new WindowMerger(aggregator);
    this.rounds = new SealedReadRounds(planner.tiling());
  }

  public ViewSpec view() {
    return view;
  }

  /**
   * The view's values for {@code entityKey} at {@code tMs}: the follower's memory of {@code
   * partition} after its durable seal point, the sealed rows and tiles of {@code store} before it.
   *
   * @param storageName the lineage's storage name, which must be this reader's view name
   */
  public CompletionStage<ViewValues> read(
      SealedRowReads store,
      PartitionState partition,
      String storageName,
      String entityKey,
      long tMs) {
    return read(store, partition, storageName, entityKey, tMs, SealedReading.COARSE_TO_FINE);
  }

  /**
   * The same read, going to {@code store} as {@code reading} says: {@link SealedReading#AT_ONCE}
   * for a store that answers from memory.
   */
  public CompletionStage<ViewValues> read(
      SealedRowReads store,
      PartitionState partition,
      String storageName,
      String entityKey,
      long tMs,
      SealedReading reading) {
    if (!view.name().equals(storageName)) {
      throw new IllegalArgumentException(
          "a reader of " + view.name() + " cannot decode the rows of " + storageName);
    }
    MemoryPart memory = foldMemory(partition, storageName, entityKey, tMs);
    long planStartNanos = System.nanoTime();
    long durableMs = memory.durable.sealedBeforeMs();
    EntityRef entity = new EntityRef(storageName, entityKey);
    ReadPlan full = planner.plan(tMs, memory.states.keySet(), memory.durable);
    SealedWindows sealed = SealedWindows.lookUp(merged, entity, full, durableMs);
    ReadPlan plan = sealed.readPlan(planner.readPlanner(), full);
    long planNanos = System.nanoTime() - planStartNanos;
    return readSealed(store, entity, plan, memory.durable, reading)
        .thenApply(reads -> finish(plan, sealed, memory, reads, planNanos));
  }

  /** Memory's part of every window, folded under one lock, and the D it was cut at. */
  private record MemoryPart(Map<WindowSpec, Ir[]> states, DurableProgress durable) {}

  private MemoryPart foldMemory(
      PartitionState partition, String storageName, String entityKey, long tMs) {
    Map<WindowSpec, Ir[]> states = new LinkedHashMap<>();
    List<PartitionState.Fold> folds = new ArrayList<>();
    for (WindowSpec window : view.windows()) {
      Ir[] into = aggregator.init();
      states.put(window, into);
      folds.add(new PartitionState.Fold(windowStartMs(window, tMs), tMs, into));
    }
    return new MemoryPart(states, partition.fold(storageName, entityKey, folds));
  }

  /** What the plan's store reads returned, decoded. */
  private record SealedReads(
      Map<Long, NavigableMap<Long, Tile>> tiles, List<Event> raw, int queries, int tileRows) {}

  private CompletionStage<SealedReads> readSealed(
      SealedRowReads store,
      EntityRef entity,
      ReadPlan plan,
      DurableProgress durable,
      SealedReading reading) {
    List<TimeRange> raw = wholeFinestTiles(plan.rawReads(), durable.sealedBeforeMs());
    CompletionStage<SealedReadRounds.Rows> read =
        reading == SealedReading.COARSE_TO_FINE
            ? rounds.read(store, entity, plan, raw, durable)
            : rounds.readAtOnce(store, entity, plan, raw);
    return read.thenApply(
        rows -> {
          // decoded here, by resolution and start: the result does not depend on read order
          Map<Long, NavigableMap<Long, Tile>> tiles = new HashMap<>();
          int count = 0;
          for (List<TileRow> byResolution : rows.tiles().values()) {
            for (TileRow row : byResolution) {
              tiles
                  .computeIfAbsent(row.key().resolutionMs(), res -> new TreeMap<>())
                  .put(row.key().startMs(), codec.decode(row));
              count++;
            }
          }
          return new SealedReads(tiles, rows.raw(), rows.queries(), count);
        });
  }

  /** Per window: its sealed segments in time order, then memory (all at or after D); finished. */
  private ViewValues finish(
      ReadPlan plan, SealedWindows sealed, MemoryPart memory, SealedReads reads, long planNanos) {
    long mergeStartNanos = System.nanoTime();
    PlanInputs inputs = new PlanInputs(reads.tiles(), reads.raw());
    Map<WindowSpec, Ir[]> merged = sealed.merge(merger, inputs);
    merged.forEach((window, states) -> aggregator.merge(states, memory.states().get(window)));
    Map<String, Map<WindowSpec, Object>> values = new LinkedHashMap<>();
    Map<String, Map<WindowSpec, Long>> newest = new LinkedHashMap<>();
    List<FeatureSpec> features = view.features();
    for (int i = 0; i < features.size(); i++) {
      Map<WindowSpec, Object> byWindow = new LinkedHashMap<>();
      Map<WindowSpec, Long> newestByWindow = new LinkedHashMap<>();
      for (WindowSpec window : features.get(i).windows()) {
        Ir state = merged.get(window)[i];
        byWindow.put(window, aggregator.finish(i, state));
        newestByWindow.put(window, state.newestEventTimeMs());
      }
      values.put(features.get(i).name(), byWindow);
      newest.put(features.get(i).name(), newestByWindow);
    }
    ReadStats stats =
        new ReadStats(
            reads.queries(),
            reads.tileRows(),
            reads.raw().size(),
            planNanos,
            System.nanoTime() - mergeStartNanos);
    return new ViewValues(plan.tMs(), values, stats, newest);
  }

  /**
   * The raw ranges widened to whole finest tiles where those lie before {@code durableMs}, and
   * joined. A raw edge moves with every request time, but a sealed row holds its whole minute
   * anyway, so reading whole minutes costs the store nothing and gives a key that stays the same
   * for a minute (a cache in front hits). The merge takes only each segment's own range from them.
   * A widened end past {@code durableMs} is not taken: rows there may still change.
   */
  private List<TimeRange> wholeFinestTiles(List<TimeRange> ranges, long durableMs) {
    if (ranges.isEmpty()) {
      return ranges;
    }
    long finestMs = planner.tiling().finestMs();
    List<TimeRange> widened = new ArrayList<>();
    for (TimeRange range : ranges) {
      long ceilMs = Tiling.floor(range.toMs() - 1, finestMs) + finestMs;
      widened.add(
          new TimeRange(
              Tiling.floor(range.fromMs(), finestMs), ceilMs <= durableMs ? ceilMs : range.toMs()));
    }
    return TimeRange.union(widened);
  }

  private static long windowStartMs(WindowSpec window, long tMs) {
    if (window.isLifetime()) {
      return Long.MIN_VALUE;
    }
    long startMs = tMs - window.sizeMs();
    return startMs > tMs ? Long.MIN_VALUE : startMs; // no wrap-around past Long.MIN_VALUE
  }
}
