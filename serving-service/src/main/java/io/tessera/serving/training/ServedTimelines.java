package io.tessera.serving.training;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewValues;
import io.tessera.serving.online.ViewPlan;
import io.tessera.serving.online.ViewReads;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The timelines of a sweep: serving's own read ({@link ViewReads}: the follower's open state merged
 * with the sealed store) at each distinct time. The value of a training row is then serving's
 * answer at its time by construction, not by a second implementation of the merge.
 *
 * <p>The distinct times are read in ascending order, at most {@code readsPerTimeline} at once
 * ({@link WindowedReads}): a long spine of one entity must not put thousands of store reads in
 * flight (the driver times them out, and the job fails), and a time read after its neighbour finds
 * the merged sealed spans they share in the cache instead of reading them again.
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

  private final ViewReads reads;
  private final int readsPerTimeline;

  public ServedTimelines(ViewReads reads) {
    this(reads, READS_PER_TIMELINE);
  }

  /**
   * @param readsPerTimeline serving reads of one timeline in flight at most
   */
  public ServedTimelines(ViewReads reads, int readsPerTimeline) {
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
    return new WindowedReads(distinct, at -> reads.read(view, entity, at), readsPerTimeline, cpu)
        .start()
        .thenApply(answers -> new ServedTimeline(distinct, answers));
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
