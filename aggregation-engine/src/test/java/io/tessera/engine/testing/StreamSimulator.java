package io.tessera.engine.testing;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.compaction.Compactor;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.ReadPlanner;
import io.tessera.engine.plan.Segment;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.plan.WindowPlan;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays a {@link Scenario} the way the aggregation-service would (reject too-late events, append,
 * compact every few arrivals) and answers its queries with the engine, next to the oracle.
 */
public final class StreamSimulator {
  public static final EntityRef ENTITY = new EntityRef("test_view", "user-1");

  private final Scenario scenario;
  private final ViewSpec view;
  private final TileStore store;
  private final Compactor compactor;
  private final ViewReader reader;
  private final ReadPlanner planner;
  private final List<Event> accepted = new ArrayList<>();
  private long offset;
  private long clockMs = Long.MIN_VALUE;

  public StreamSimulator(Scenario scenario, TileStore store) {
    this.scenario = scenario;
    this.view = TestView.allFunctions(scenario.resolutions());
    this.store = store;
    this.compactor = new Compactor(view);
    this.reader = new ViewReader(view);
    this.planner = new ReadPlanner(new Tiling(view.resolutions()));
  }

  /** What one query saw and whether the engine agreed with the oracle. */
  public record QueryOutcome(
      long tMs,
      List<String> mismatches,
      boolean usedDayTiles,
      boolean exactBoundary,
      int rawEventsRead,
      int rawEventBound) {}

  public ViewSpec view() {
    return view;
  }

  public TileStore store() {
    return store;
  }

  public List<Event> accepted() {
    return accepted;
  }

  public Compactor compactor() {
    return compactor;
  }

  /** Arrival {@code index}: admitted unless its tile is sealed, then maybe a compaction step. */
  public void arrive(int index) {
    Scenario.Arrival a = scenario.arrivals().get(index);
    clockMs = Math.max(clockMs, a.clockMs());
    Map<String, Object> values = new HashMap<>();
    values.put(TestView.LONG_COLUMN, a.amount());
    values.put(TestView.DOUBLE_COLUMN, a.price());
    values.put(TestView.STRING_COLUMN, a.category());
    Event event = new Event(ENTITY.entityKey(), a.eventTimeMs(), a.eventId(), offset++, values);
    EntityMeta meta = store.readHead(ENTITY).meta();
    if (!meta.isTooLate(event.eventTimeMs())) {
      store.append(ENTITY, event);
      accepted.add(event);
    }
    if ((index + 1) % scenario.compactEvery() == 0) {
      compact();
    }
  }

  public void compact() {
    compactor.step(store, ENTITY, clockMs, clockMs - scenario.latenessMs()).apply(store, ENTITY);
  }

  public QueryOutcome query(long tMs) {
    ViewValues values = reader.read(store, ENTITY, tMs);
    List<Event> events = Oracle.deduplicate(accepted);
    List<String> mismatches = new ArrayList<>();
    for (FeatureSpec feature : view.features()) {
      for (WindowSpec window : feature.windows()) {
        long startMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
        Object expected = Oracle.expected(feature, Oracle.inWindow(events, startMs, tMs));
        Object actual = values.get(feature.name(), window);
        String problem = ValueMatcher.mismatch(feature, expected, actual);
        if (problem != null) {
          mismatches.add(feature.name() + " over " + window + " at " + tMs + ": " + problem);
        }
      }
    }
    return new QueryOutcome(
        tMs,
        mismatches,
        usesDayTiles(tMs),
        isExactBoundary(events, tMs),
        values.stats().rawEvents(),
        rawBound(events, tMs, values.stats().pendingEvents()));
  }

  private boolean usesDayTiles(long tMs) {
    ReadPlan plan = planner.plan(tMs, view.windows(), store.readHead(ENTITY).meta());
    for (WindowPlan window : plan.windows()) {
      for (Segment segment : window.segments()) {
        if (segment instanceof Segment.Tiles tiles && tiles.resolutionMs() == TestView.DAY_MS) {
          return true;
        }
      }
    }
    return false;
  }

  /** t on a tile edge, or an event exactly at t or exactly at a window's start. */
  private boolean isExactBoundary(List<Event> events, long tMs) {
    if (Math.floorMod(tMs, TestView.MINUTE_MS) == 0) {
      return true;
    }
    for (Event event : events) {
      for (WindowSpec window : TestView.WINDOWS) {
        if (!window.isLifetime() && event.eventTimeMs() == tMs - window.sizeMs()) {
          return true;
        }
      }
      if (event.eventTimeMs() == tMs) {
        return true;
      }
    }
    return false;
  }

  /** Events of each window's old-edge minute and of t's minute, plus pending: the raw bound. */
  private int rawBound(List<Event> events, long tMs, int pending) {
    long minute = TestView.MINUTE_MS;
    long tailStart = Math.floorDiv(tMs, minute) * minute;
    int bound = pending + Oracle.inWindow(events, tailStart, tailStart + minute).size();
    for (WindowSpec window : TestView.WINDOWS) {
      if (!window.isLifetime()) {
        long headStart = Math.floorDiv(tMs - window.sizeMs(), minute) * minute;
        bound += Oracle.inWindow(events, headStart, headStart + minute).size();
      }
    }
    return bound;
  }

  /** Plays the whole scenario, querying at each query's position. */
  public List<QueryOutcome> run() {
    List<QueryOutcome> outcomes = new ArrayList<>();
    int next = 0;
    List<Scenario.Query> queries = new ArrayList<>(scenario.queries());
    queries.sort((a, b) -> Integer.compare(a.afterArrivals(), b.afterArrivals()));
    for (int i = 0; i <= scenario.arrivals().size(); i++) {
      while (next < queries.size() && queries.get(next).afterArrivals() == i) {
        outcomes.add(query(queries.get(next++).tMs()));
      }
      if (i < scenario.arrivals().size()) {
        arrive(i);
      }
    }
    return outcomes;
  }
}
