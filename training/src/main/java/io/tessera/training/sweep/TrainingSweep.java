package io.tessera.training.sweep;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewValues;
import io.tessera.records.normalized.EntityKeys;
import io.tessera.streamcore.read.ViewPlan;
import io.tessera.training.history.BatchHistory;
import io.tessera.training.history.HistoryFold;
import io.tessera.training.output.FeatureColumn;
import io.tessera.training.spine.SpineRows;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The sweep: spine rows grouped by entity and sorted by time; per group and view one timeline load
 * ({@link Timelines}: what the values at all the group's times need), then the values at each
 * distinct time, from memory. Groups are loaded ahead (a bounded number in flight) and computed on
 * the CPU executor; results are handed to the sink on the calling thread, in group order.
 */
public final class TrainingSweep {

  /** Receives each finished spine row: its index and its values in column order. */
  public interface RowSink {
    void write(int row, Object[] values) throws Exception;
  }

  /**
   * Rows of one entity per group at most: a hot entity's long spine is swept in pieces, each with
   * its own (smaller) snapshot, so memory stays bounded and both cores get work.
   */
  static final int MAX_GROUP_ROWS = 4_096;

  private record Group(int[] rows) {}

  private record GroupResult(int[] rows, Object[][] values) {}

  /** What one view's values of a group are computed from: the timeline, and maybe history. */
  private record ViewInputs(EntityTimeline timeline, HistoryFold history) {}

  private final Timelines timelines;
  private final List<FeatureColumn> columns;
  private final Map<ViewPlan, int[]> columnsByView = new LinkedHashMap<>();
  private final Map<ViewPlan, BatchHistory> histories;
  private final long nowMs;
  private final Executor cpu;
  private final int maxInFlight;
  private final LongAdder loadNanos = new LongAdder();
  private final LongAdder computeNanos = new LongAdder();

  /**
   * @param histories the batch-source events of the views that have a batch source
   * @param nowMs the job's start: the event log holds a view's events back to now minus retention
   */
  public TrainingSweep(
      Timelines timelines,
      List<FeatureColumn> columns,
      Map<ViewPlan, BatchHistory> histories,
      long nowMs,
      Executor cpu,
      int maxInFlight) {
    this.timelines = timelines;
    this.columns = columns;
    this.histories = histories;
    this.nowMs = nowMs;
    this.cpu = cpu;
    this.maxInFlight = maxInFlight;
    Map<ViewPlan, List<Integer>> byView = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      byView.computeIfAbsent(columns.get(c).view(), v -> new ArrayList<>()).add(c);
    }
    byView.forEach(
        (view, list) -> columnsByView.put(view, list.stream().mapToInt(i -> i).toArray()));
  }

  /**
   * Runs the sweep; returns false if {@code cancelled} stopped it.
   *
   * @param done called with the number of rows finished so far
   */
  public boolean run(
      SpineRows spine,
      RowSink sink,
      java.util.function.LongConsumer done,
      BooleanSupplier cancelled)
      throws Exception {
    Deque<CompletableFuture<GroupResult>> inFlight = new ArrayDeque<>();
    long finished = 0;
    for (Group group : groups(spine)) {
      if (cancelled.getAsBoolean()) {
        return false;
      }
      inFlight.add(start(spine, group));
      if (inFlight.size() >= maxInFlight) {
        finished += drainOne(inFlight, sink);
        done.accept(finished);
      }
    }
    while (!inFlight.isEmpty()) {
      if (cancelled.getAsBoolean()) {
        return false;
      }
      finished += drainOne(inFlight, sink);
      done.accept(finished);
    }
    return true;
  }

  private static int drainOne(Deque<CompletableFuture<GroupResult>> inFlight, RowSink sink)
      throws Exception {
    GroupResult result = inFlight.poll().join();
    for (int i = 0; i < result.rows().length; i++) {
      sink.write(result.rows()[i], result.values()[i]);
    }
    return result.rows().length;
  }

  /** Loads every view's snapshot of the group's entity, then computes on the CPU executor. */
  private CompletableFuture<GroupResult> start(SpineRows spine, Group group) {
    long startNanos = System.nanoTime();
    long[] times = new long[group.rows().length];
    for (int i = 0; i < times.length; i++) {
      times[i] = spine.timesMs()[group.rows()[i]];
    }
    int first = group.rows()[0];
    List<ViewPlan> views = new ArrayList<>(columnsByView.keySet());
    List<CompletableFuture<ViewInputs>> loads = new ArrayList<>();
    for (ViewPlan view : views) {
      List<String> values = new ArrayList<>();
      for (String column : view.definition().entity()) {
        values.add(spine.key(column, first));
      }
      EntityRef ref = new EntityRef(view.storageName(), EntityKeys.encode(values));
      loads.add(
          timelines
              .load(view, ref, times, cpu)
              .thenCompose(timeline -> withHistory(view, ref, timeline, times))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
        .thenApplyAsync(
            ready -> {
              long computeStartNanos = System.nanoTime();
              loadNanos.add(computeStartNanos - startNanos);
              Object[][] values = new Object[times.length][columns.size()];
              for (int v = 0; v < views.size(); v++) {
                compute(views.get(v), loads.get(v).join(), times, values);
              }
              computeNanos.add(System.nanoTime() - computeStartNanos);
              return new GroupResult(group.rows(), values);
            },
            cpu);
  }

  /**
   * Adds the history fold when the view has a batch source holding events of this entity older than
   * what the store holds, and a spine time's window reaches back to them; the store's event-log
   * events from that horizon on are read once for it.
   */
  private CompletionStage<ViewInputs> withHistory(
      ViewPlan view, EntityRef ref, EntityTimeline timeline, long[] times) {
    BatchHistory history = histories.get(view);
    List<Event> batch = history == null ? List.of() : history.events(ref.entityKey());
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(new ViewInputs(timeline, null));
    }
    long horizonMs = timeline.horizonMs(view.definition().retentionMs(), nowMs);
    long earliestStartMs = Long.MAX_VALUE;
    for (WindowSpec window : view.spec().windows()) {
      earliestStartMs =
          Math.min(
              earliestStartMs, window.isLifetime() ? Long.MIN_VALUE : times[0] - window.sizeMs());
    }
    if (batch.get(0).eventTimeMs() >= horizonMs || earliestStartMs >= horizonMs) {
      return CompletableFuture.completedFuture(new ViewInputs(timeline, null));
    }
    long lastMs = times[times.length - 1];
    CompletionStage<List<Event>> stored =
        horizonMs < lastMs
            ? timeline.storedEvents(horizonMs, lastMs)
            : CompletableFuture.completedFuture(List.of());
    return stored.thenApplyAsync(
        events -> new ViewInputs(timeline, new HistoryFold(view.spec(), horizonMs, batch, events)),
        cpu);
  }

  /**
   * The values at each distinct time (ascending), as serving would read at that time; a window
   * reaching before what the store holds comes from the history fold instead.
   */
  private void compute(ViewPlan view, ViewInputs inputs, long[] times, Object[][] out) {
    int[] viewColumns = columnsByView.get(view);
    ViewValues values = null;
    Map<String, Map<WindowSpec, Object>> history = Map.of();
    for (int i = 0; i < times.length; i++) {
      if (values == null || values.tMs() != times[i]) {
        values = inputs.timeline().at(times[i]);
        if (inputs.history() != null) {
          history = inputs.history().valuesAt(times[i]);
        }
      }
      for (int c : viewColumns) {
        FeatureColumn column = columns.get(c);
        Map<WindowSpec, Object> folded = history.get(column.feature());
        out[i][c] =
            folded != null && folded.containsKey(column.window())
                ? folded.get(column.window())
                : values.get(column.feature(), column.window());
      }
    }
  }

  /**
   * Seconds the groups spent loading (from their first query until every view's snapshot, decoded,
   * was ready; summed over groups, so concurrent loads add up) and computing (summed over the CPU
   * threads): which of the two bounds a sweep.
   */
  public String timings() {
    return String.format(
        java.util.Locale.ROOT,
        "loading %.1f s over %d groups in flight, computing %.1f s on the CPU pool",
        loadNanos.sum() / 1e9,
        maxInFlight,
        computeNanos.sum() / 1e9);
  }

  /** Rows grouped by all key columns, each group sorted by time (ties in spine order). */
  private static List<Group> groups(SpineRows spine) {
    int n = spine.size();
    String[] entity = new String[n];
    String[][] keys = spine.keys();
    for (int r = 0; r < n; r++) {
      if (keys.length == 1) {
        entity[r] = keys[0][r];
      } else {
        List<String> values = new ArrayList<>(keys.length);
        for (String[] column : keys) {
          values.add(column[r]);
        }
        entity[r] = EntityKeys.encode(values);
      }
    }
    Integer[] order = new Integer[n];
    for (int r = 0; r < n; r++) {
      order[r] = r;
    }
    long[] times = spine.timesMs();
    Arrays.sort(
        order,
        Comparator.<Integer, String>comparing(r -> entity[r])
            .thenComparingLong(r -> times[r])
            .thenComparingInt(r -> r));
    List<Group> groups = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || i - start == MAX_GROUP_ROWS || !entity[order[i]].equals(entity[order[start]])) {
        int[] rows = new int[i - start];
        for (int j = start; j < i; j++) {
          rows[j - start] = order[j];
        }
        groups.add(new Group(rows));
        start = i;
      }
    }
    return groups;
  }
}
