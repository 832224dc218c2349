package io.tessera.training.sweep;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.tile.Tiling;
import io.tessera.streamcore.read.ViewPlan;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The timelines of a sweep: serving's own read ({@link ServedReads}: the follower's open state
 * merged with the sealed store) at each distinct time. The value of a training row is then
 * serving's answer at its time by construction, not by a second implementation of the merge.
 *
 * <p>Two things keep a long spine of one entity cheap and bounded. The entity's sealed history for
 * the span its times need (their windows back from the first) is read once ({@link
 * ServedReads#preload}, a few queries at a time) and every time's read takes its sealed rows and
 * tiles from it, through the same reader, plan and merge; times more than {@link #MAX_SPAN_MS}
 * apart are split into runs, each preloaded when the one before is done, so memory holds one run's
 * history per timeline. And the distinct times are read in ascending order, at most {@code
 * readsPerTimeline} at once ({@link WindowedReads}): whatever reaches past the preloaded span (a
 * time after the durable seal point moved on) goes to the store, and those reads stay few.
 *
 * <p>The sealed store is the view's whole history from its lineage's start (a backfill writes a
 * batch source's history into it), so no batch history is folded on top.
 */
public final class ServedTimelines implements Timelines {

  /**
   * Reads of one (group, view) in flight: enough to keep both cores busy while a read waits on the
   * store, few enough that the sweep's groups in flight times this stays far below what the
   * Cassandra driver queues per connection.
   */
  public static final int READS_PER_TIMELINE = 4;

  /**
   * The longest span of spine times, and of window before them, preloaded at once: a week of a busy
   * entity's raw events is what its reads would fetch anyway, a year of them would not fit in
   * memory.
   */
  static final long MAX_SPAN_MS = 7 * 24 * 3_600_000L;

  private final ServedReads reads;
  private final int readsPerTimeline;

  public ServedTimelines(ServedReads reads) {
    this(reads, READS_PER_TIMELINE);
  }

  /**
   * @param readsPerTimeline serving reads of one timeline in flight at most
   */
  public ServedTimelines(ServedReads reads, int readsPerTimeline) {
    if (readsPerTimeline < 1) {
      throw new IllegalArgumentException("at least one read in flight, was " + readsPerTimeline);
    }
    this.reads = reads;
    this.readsPerTimeline = readsPerTimeline;
  }

  @Override
  public CompletionStage<EntityTimeline> load(
      ViewPlan view, EntityRef entity, long[] timesMs, Executor cpu) {
    long[] distinct = Arrays.stream(timesMs).distinct().toArray(); // ascending, as given
    ViewValues[] values = new ViewValues[distinct.length];
    long longestMs = FeatureView.longestFixedWindowMs(view.definition().features());
    CompletableFuture<Void> runs = CompletableFuture.completedFuture(null);
    for (int from = 0; from < distinct.length; ) {
      int to = from + 1;
      while (to < distinct.length && distinct[to] - distinct[from] <= MAX_SPAN_MS) {
        to++;
      }
      long[] run = Arrays.copyOfRange(distinct, from, to);
      int offset = from;
      runs =
          runs.thenCompose(done -> loadRun(view, entity, run, longestMs, cpu))
              .thenAccept(answers -> System.arraycopy(answers, 0, values, offset, answers.length));
      from = to;
    }
    return runs.thenApply(done -> new ServedTimeline(distinct, values));
  }

  /** One run's answers: its span preloaded, then serving's read at each time over it. */
  private CompletableFuture<ViewValues[]> loadRun(
      ViewPlan view, EntityRef entity, long[] run, long longestMs, Executor cpu) {
    // a longer window's older part is read from the store by each time: memory holds at most two
    // spans of the entity's history
    long fromMs = run[0] - Math.min(longestMs, MAX_SPAN_MS);
    // the last time's read widens its tail to whole finest tiles: up to one finest tile after it
    long toMs = run[run.length - 1] + new Tiling(view.spec().resolutions()).finestMs();
    return reads
        .preload(view, entity, fromMs, toMs)
        .thenComposeAsync( // the reads fold memory first: on the CPU pool, not a driver thread
            span ->
                new WindowedReads(
                        run, at -> reads.read(view, entity, at, span), readsPerTimeline, cpu)
                    .start(),
            cpu);
  }

  /** The answers at the distinct times, looked up by binary search (the times are ascending). */
  private record ServedTimeline(long[] timesMs, ViewValues[] values) implements EntityTimeline {
    @Override
    public ViewValues at(long tMs) {
      int i = Arrays.binarySearch(timesMs, tMs);
      if (i < 0) {
        throw new IllegalArgumentException("the timeline was not loaded for " + tMs);
      }
      return values[i];
    }

    @Override
    public long horizonMs(long retentionMs, long nowMs) {
      return Long.MIN_VALUE;
    }

    @Override
    public CompletionStage<List<Event>> storedEvents(long fromMs, long toMs) {
      return CompletableFuture.completedFuture(List.of());
    }
  }
}
