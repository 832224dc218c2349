package io.tessera.training.sweep;

import io.tessera.engine.event.EntityRef;
import io.tessera.streamcore.read.ViewPlan;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where a sweep reads from: the streaming core's stored state, through the same code serving
 * answers with ({@link ServedTimelines} over the host's {@link ServedReads}), so that a training
 * value at {@code (entity, t)} is the value serving returns at {@code t} (DESIGN.md invariant 5).
 */
public interface Timelines {

  /**
   * Loads what the view's values at every one of {@code timesMs} (ascending) need.
   *
   * @param cpu where decoding and merging run, off the store driver's I/O threads
   */
  CompletionStage<EntityTimeline> load(
      ViewPlan view, EntityRef entity, long[] timesMs, Executor cpu);
}
