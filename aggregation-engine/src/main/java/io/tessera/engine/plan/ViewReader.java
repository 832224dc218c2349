package io.tessera.engine.plan;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.TileStore;
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

/**
 * Reads all windows of a view for one entity at {@code t}, as named steps: read the head (pending
 * and metadata) first, plan, read the planned tiles and raw edges, decide the tail, merge, finish.
 * Synchronous and store-agnostic; serving may run the tile and raw reads of a plan in parallel
 * (only the head read must come first).
 */
public final class ViewReader {
  private final ViewSpec view;
  private final ViewAggregator aggregator;
  private final Tiling tiling;
  private final ReadPlanner planner;
  private final TileCodec codec;
  private final WindowMerger merger;

  public ViewReader(ViewSpec view) {
    this.view = view;
    this.aggregator = new ViewAggregator(view);
    this.tiling = new Tiling(view.resolutions());
    this.planner = new ReadPlanner(tiling);
    this.codec = new TileCodec(aggregator);
    this.merger = new WindowMerger(aggregator, tiling);
  }

  public ViewValues read(TileStore store, EntityRef entity, long tMs) {
    EntityHead head = store.readHead(entity);
    ReadPlan plan = planner.plan(tMs, view.windows(), head.meta());
    int queries = plan.rangeQueries();
    int tileRows = 0;
    Map<Long, NavigableMap<Long, Tile>> tiles = new HashMap<>();
    for (Map.Entry<Long, List<TimeRange>> reads : plan.tileReads().entrySet()) {
      NavigableMap<Long, Tile> byStart = new TreeMap<>();
      for (TimeRange range : reads.getValue()) {
        for (TileRow row : store.readTiles(entity, reads.getKey(), range.fromMs(), range.toMs())) {
          byStart.put(row.key().startMs(), codec.decode(row));
          tileRows++;
        }
      }
      tiles.put(reads.getKey(), byStart);
    }
    List<Event> raw = new ArrayList<>();
    for (TimeRange range : plan.rawReads()) {
      raw.addAll(store.readEvents(entity, range.fromMs(), range.toMs()));
    }
    boolean tailRaw = false;
    if (plan.tail() != null) {
      NavigableMap<Long, Tile> finest = tiles.get(tiling.finestMs());
      Tile tailTile = finest == null ? null : finest.get(plan.tail().tileStartMs());
      if (tailTile != null && tailTile.newestEventTimeMs() >= tMs) {
        // the open tile holds an event at or after t: it cannot be cut, so read the span raw
        TimeRange range = plan.tail().range();
        // a window shorter than a tile may have read part of this span already
        Set<String> ids = new HashSet<>();
        raw.forEach(event -> ids.add(event.eventId()));
        for (Event event : store.readEvents(entity, range.fromMs(), range.toMs())) {
          if (ids.add(event.eventId())) {
            raw.add(event);
          }
        }
        queries++;
        tailRaw = true;
      }
    }
    PlanInputs inputs = new PlanInputs(head, tiles, raw, tailRaw);
    Map<WindowSpec, Ir[]> merged = merger.merge(plan, inputs);
    ReadStats stats = new ReadStats(queries, tileRows, raw.size(), head.pending().size());
    return new ViewValues(tMs, finish(merged), stats);
  }

  private Map<String, Map<WindowSpec, Object>> finish(Map<WindowSpec, Ir[]> merged) {
    Map<String, Map<WindowSpec, Object>> values = new LinkedHashMap<>();
    List<FeatureSpec> features = view.features();
    for (int i = 0; i < features.size(); i++) {
      Map<WindowSpec, Object> byWindow = new LinkedHashMap<>();
      for (WindowSpec window : features.get(i).windows()) {
        byWindow.put(window, aggregator.finish(i, merged.get(window)[i]));
      }
      values.put(features.get(i).name(), byWindow);
    }
    return values;
  }
}
