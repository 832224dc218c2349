package io.tessera.serving.online;

import io.tessera.engine.event.EntityRef;
import java.util.concurrent.CompletableFuture;

/**
 * How one (entity, view version) is read at {@code t}: the one place the streaming core's version
 * decides anything on the serving path ({@link TileStoreViewReads} for version 1, the follower's
 * read for version 2, chosen by {@code tessera.serving.core} in the configuration).
 */
@FunctionalInterface
public interface ViewReads {

  /**
   * The view's values for {@code ref} at {@code tMs} and the entity's newest event that tells
   * {@code not_found} from {@code stale}; may fail (the value is then {@code unavailable}).
   */
  CompletableFuture<ViewAnswer> read(ViewPlan view, EntityRef ref, long tMs);
}
