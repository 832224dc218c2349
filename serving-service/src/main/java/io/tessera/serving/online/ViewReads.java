package io.tessera.serving.online;

import io.tessera.engine.event.EntityRef;
import io.tessera.streamcore.read.ViewPlan;
import java.util.concurrent.CompletableFuture;

/**
 * How one (entity, view version) is read at {@code t}: the follower's memory merged with the sealed
 * store ({@code follow.FollowerViewReads}). An interface so the request path (resolve, validate,
 * finish) does not depend on how the streaming core is followed.
 */
@FunctionalInterface
public interface ViewReads {

  /**
   * The view's values for {@code ref} at {@code tMs} and the entity's newest event that tells
   * {@code not_found} from {@code stale}; may fail (the value is then {@code unavailable}).
   */
  CompletableFuture<ViewAnswer> read(ViewPlan view, EntityRef ref, long tMs);
}
