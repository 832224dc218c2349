package io.tessera.serving.training;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.serving.follow.FollowerViewReads;
import io.tessera.serving.online.ViewAnswer;
import io.tessera.streamcore.read.ViewPlan;
import io.tessera.training.sweep.ServedReads;
import java.util.concurrent.CompletableFuture;

/**
 * The training module's reads answered by serving's own: {@link FollowerViewReads} (the follower's
 * memory merged with the sealed store), the very code online requests read through, so a training
 * value is serving's value at {@code t} by construction. Only the values go back: the statuses an
 * online answer derives from the rest are not training's.
 *
 * @param reads the follower's reads, over the sealed store a sweep reads (see {@link
 *     TrainingConfiguration})
 */
record FollowerServedReads(FollowerViewReads reads) implements ServedReads {

  @Override
  public CompletableFuture<SealedRowReads> preload(
      ViewPlan view, EntityRef entity, long fromMs, long toMs) {
    return reads.preload(view, entity, fromMs, toMs);
  }

  @Override
  public CompletableFuture<ViewValues> read(
      ViewPlan view, EntityRef entity, long tMs, SealedRowReads span) {
    return reads.read(view, entity, tMs, span).thenApply(ViewAnswer::values);
  }
}
