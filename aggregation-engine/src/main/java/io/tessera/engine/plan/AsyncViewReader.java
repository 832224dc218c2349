package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads all windows of a view for one entity at {@code t}, as named steps: read the head (pending
 * and metadata) first, plan, read the planned tiles and raw edges in parallel, decide the tail,
 * merge, finish. Store-agnostic and thread-safe; {@link ViewReader} is its synchronous face.
 *
 * <p>The head must be read before the tiles: an event missing from the head's pending snapshot was
 * already in every tile the later reads can see (see {@code EntityHead}).
 */
public final class AsyncViewReader {
  private final ViewSpec view;
  private final ViewAggregator aggregator;
  private final Tiling tiling;
  private final ReadPlanner planner;
  private final TileCodec codec;
  private final WindowMerger merger;

  public AsyncViewReader(ViewSpec view) {
    this.view = view;
    this.aggregator = new ViewAggregator(view);
    this.tiling = new Tiling(view.resolutions());
    this.planner = new ReadPlanner(tiling);
    this.codec = new TileCodec(aggregator);
    this.merger = new WindowMerger(aggregator, tiling);
  }

  public ViewSpec view() {
    return view;
  }

  public CompletionStage<ViewValues> read(AsyncTileReads store, EntityRef entity, long tMs) {
    return read(store, SealedWindowCache.NONE, entity, tMs);
  }

  /**
   * Reads as {@link #read(AsyncTileReads, EntityRef, long)}, with each window's sealed prefix taken
   * from {@code cache} when it is there (its tiles are then not read) and put there when it is not.
   * Only for a store that holds every tile: a cache filled from a partial copy would be wrong for
   * every later reader.
   */
  public CompletionStage<ViewValues> read(
      AsyncTileReads store, SealedWindowCache cache, EntityRef entity, long tMs) {
    return store
        .readHead(entity)
        .thenCompose(
            head -> {
              long planStartNanos = System.nanoTime();
              ReadPlan full = planner.plan(tMs, view.windows(), head.meta());
              SealedWindows sealed =
                  SealedWindows.lookUp(cache, entity, full, head.meta().sealedBeforeMs());
              ReadPlan plan = sealed.readPlan(planner, full);
              long planNanos = System.nanoTime() - planStartNanos;
              return readPlanned(store, entity, plan)
                  .thenCompose(reads -> readTailIfNeeded(store, entity, plan, reads))
                  .thenApply(reads -> finish(plan, sealed, head, reads, reads.tiles, planNanos));
            });
  }

  /**
   * Reads at {@code tMs} from data already read and decoded: the same plan, tail rule and merge as
   * {@link #read}, in the same order, so the same values (bit for bit), without a decode or a query
   * per read. Synchronous: all of it is CPU work.
   */
  public ViewValues read(DecodedReads source, long tMs) {
    EntityHead head = source.head();
    long planStartNanos = System.nanoTime();
    ReadPlan plan = planner.plan(tMs, view.windows(), head.meta());
    long planNanos = System.nanoTime() - planStartNanos;
    Reads reads = new Reads();
    for (TimeRange range : plan.rawReads()) {
      reads.raw.addAll(source.events(range.fromMs(), range.toMs()));
    }
    if (plan.tail() != null) {
      NavigableMap<Long, Tile> finest = source.tiles().get(tiling.finestMs());
      Tile tailTile = finest == null ? null : finest.get(plan.tail().tileStartMs());
      if (tailTile != null && tailTile.newestEventTimeMs() >= tMs) {
        TimeRange range = plan.tail().range();
        addNew(reads, source.events(range.fromMs(), range.toMs()));
        reads.tailRaw = true;
      }
    }
    // no cache: a sweep decodes each tile once anyway, and its partial copy must not fill one
    SealedWindows uncached =
        SealedWindows.lookUp(SealedWindowCache.NONE, null, plan, head.meta().sealedBeforeMs());
    return finish(plan, uncached, head, reads, source.tiles(), planNanos);
  }

  /** What the plan's range queries returned, gathered as they complete. */
  private static final class Reads {
    final Map<Long, NavigableMap<Long, Tile>> tiles = new HashMap<>();
    final List<Event> raw = new ArrayList<>();
    int queries;
    int tileRows;
    boolean tailRaw;
  }

  private CompletionStage<Reads> readPlanned(
      AsyncTileReads store, EntityRef entity, ReadPlan plan) {
    Reads reads = new Reads();
    reads.queries = plan.rangeQueries();
    List<CompletableFuture<List<TileRow>>> tileReads = new ArrayList<>();
    List<Long> tileResolutions = new ArrayList<>();
    plan.tileReads()
        .forEach(
            (resolutionMs, ranges) -> {
              reads.tiles.put(resolutionMs, new TreeMap<>());
              for (TimeRange range : ranges) {
                tileReads.add(
                    store
                        .readTiles(entity, resolutionMs, range.fromMs(), range.toMs())
                        .toCompletableFuture());
                tileResolutions.add(resolutionMs);
              }
            });
    List<CompletableFuture<List<Event>>> rawReads = new ArrayList<>();
    for (TimeRange range : plan.rawReads()) {
      rawReads.add(store.readEvents(entity, range.fromMs(), range.toMs()).toCompletableFuture());
    }
    List<CompletableFuture<?>> all = new ArrayList<>(tileReads);
    all.addAll(rawReads);
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              // Decoding happens here, on one thread, in plan order: results do not depend on
              // which read completed first.
              for (int i = 0; i < tileReads.size(); i++) {
                NavigableMap<Long, Tile> byStart = reads.tiles.get(tileResolutions.get(i));
                for (TileRow row : tileReads.get(i).join()) {
                  byStart.put(row.key().startMs(), codec.decode(row));
                  reads.tileRows++;
                }
              }
              rawReads.forEach(read -> reads.raw.addAll(read.join()));
              return reads;
            });
  }

  /**
   * The open finest tile answers the tail only if all its events are before {@code t}; otherwise
   * the tail's span is read raw, in a second round. A request at "now" rarely needs it: only a
   * request inside a minute that already holds later events (a past {@code at}, or clock skew).
   */
  private CompletionStage<Reads> readTailIfNeeded(
      AsyncTileReads store, EntityRef entity, ReadPlan plan, Reads reads) {
    if (plan.tail() == null) {
      return CompletableFuture.completedFuture(reads);
    }
    NavigableMap<Long, Tile> finest = reads.tiles.get(tiling.finestMs());
    Tile tailTile = finest == null ? null : finest.get(plan.tail().tileStartMs());
    if (tailTile == null || tailTile.newestEventTimeMs() < plan.tMs()) {
      return CompletableFuture.completedFuture(reads);
    }
    TimeRange range = plan.tail().range();
    return store
        .readEvents(entity, range.fromMs(), range.toMs())
        .thenApply(
            events -> {
              addNew(reads, events);
              reads.queries++;
              reads.tailRaw = true;
              return reads;
            });
  }

  /**
   * Adds the tail's events; a window shorter than a tile may have read part of its span already.
   */
  private static void addNew(Reads reads, List<Event> events) {
    Set<String> ids = new HashSet<>();
    reads.raw.forEach(event -> ids.add(event.eventId()));
    for (Event event : events) {
      if (ids.add(event.eventId())) {
        reads.raw.add(event);
      }
    }
  }

  private ViewValues finish(
      ReadPlan plan,
      SealedWindows sealed,
      EntityHead head,
      Reads reads,
      Map<Long, NavigableMap<Long, Tile>> tiles,
      long planNanos) {
    long mergeStartNanos = System.nanoTime();
    PlanInputs inputs = new PlanInputs(head, tiles, reads.raw, reads.tailRaw);
    Map<WindowSpec, Ir[]> merged = sealed.merge(merger, inputs);
    Map<String, Map<WindowSpec, Object>> values = new LinkedHashMap<>();
    Map<String, Map<WindowSpec, Long>> newest = new LinkedHashMap<>();
    List<FeatureSpec> features = view.features();
    for (int i = 0; i < features.size(); i++) {
      Map<WindowSpec, Object> byWindow = new LinkedHashMap<>();
      Map<WindowSpec, Long> newestByWindow = new LinkedHashMap<>();
      for (WindowSpec window : features.get(i).windows()) {
        Ir state = merged.get(window)[i];
        newestByWindow.put(window, state.newestEventTimeMs());
        byWindow.put(window, aggregator.finish(i, state));
      }
      values.put(features.get(i).name(), byWindow);
      newest.put(features.get(i).name(), newestByWindow);
    }
    ReadStats stats =
        new ReadStats(
            reads.queries,
            reads.tileRows,
            reads.raw.size(),
            head.pending().size(),
            planNanos,
            System.nanoTime() - mergeStartNanos);
    return new ViewValues(plan.tMs(), values, stats, newest);
  }
}
