package io.tessera.serving.training;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewValues;
import io.tessera.serving.online.ViewAnswer;
import io.tessera.serving.online.ViewPlan;
import io.tessera.serving.online.ViewReads;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The timelines of a sweep: serving's own read ({@link ViewReads}: the follower's open state merged
 * with the sealed store) at each distinct time. The value of a training row is then serving's
 * answer at its time by construction, not by a second implementation of the merge.
 *
 * <p>The sealed store is the view's whole history from its lineage's start (a backfill writes a
 * batch source's history into it), so no batch history is folded on top.
 */
public final class ServedTimelines implements Timelines {
  private final ViewReads reads;

  public ServedTimelines(ViewReads reads) {
    this.reads = reads;
  }

  @Override
  public CompletionStage<EntityTimeline> load(
      ViewPlan view, EntityRef entity, long[] timesMs, Executor cpu) {
    Map<Long, CompletableFuture<ViewAnswer>> answers = new LinkedHashMap<>();
    for (long t : timesMs) {
      answers.computeIfAbsent(t, at -> reads.read(view, entity, at));
    }
    return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<Long, ViewValues> values = new HashMap<>();
              answers.forEach((t, answer) -> values.put(t, answer.join().values()));
              return new ServedTimeline(values);
            });
  }

  private record ServedTimeline(Map<Long, ViewValues> values) implements EntityTimeline {
    @Override
    public ViewValues at(long tMs) {
      return values.get(tMs);
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
