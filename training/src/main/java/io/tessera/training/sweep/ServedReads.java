package io.tessera.training.sweep;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.streamcore.read.ViewPlan;
import java.util.concurrent.CompletableFuture;

/**
 * The port a sweep reads through: the values serving returns for (view version, entity, {@code t}),
 * with a preload of the entity's sealed span so that many times of one entity cost one pass over
 * the store. The host implements it with serving's own read (the follower's memory merged with the
 * sealed store), never a second implementation of the merge: that is what makes a training value
 * equal the value serving returns at {@code t} (DESIGN.md invariant 5).
 */
public interface ServedReads {

  /**
   * What is final of the entity's sealed history in {@code [fromMs, toMs)} as of now, read once: a
   * {@link #read} given it answers every sealed range inside from memory, as the store would, and
   * asks the store only for what lies outside.
   */
  CompletableFuture<SealedRowReads> preload(
      ViewPlan view, EntityRef entity, long fromMs, long toMs);

  /**
   * The values serving returns for {@code entity} at {@code tMs}, its sealed parts read from {@code
   * span} (a {@link #preload}).
   */
  CompletableFuture<ViewValues> read(
      ViewPlan view, EntityRef entity, long tMs, SealedRowReads span);
}
