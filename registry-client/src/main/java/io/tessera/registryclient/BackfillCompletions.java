package io.tessera.registryclient;

import io.tessera.records.backfill.BackfillStatus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The view versions whose backfill has completed, as this instance has learnt them from the {@code
 * backfill-status} topic ({@link BackfillStatusFollower}). Only ever grows: a completion is never
 * taken back, so a view only ever moves forward.
 */
public final class BackfillCompletions {
  private static final System.Logger LOG = System.getLogger(BackfillCompletions.class.getName());

  private final Set<Key> completed = ConcurrentHashMap.newKeySet();

  private record Key(String view, int version) {}

  /**
   * Records that the backfill of {@code view} version {@code version} has completed.
   *
   * @return whether this is news
   */
  public boolean completed(String view, int version) {
    return completed.add(new Key(view, version));
  }

  /** What a {@link BackfillStatusFollower} hands statuses to: it records the completions. */
  public Consumer<BackfillStatus> recorder() {
    return status -> {
      if (status.isCompleted() && completed(status.view(), status.version())) {
        LOG.log(
            System.Logger.Level.INFO,
            "backfill of {0} v{1} completed: the version may serve",
            status.view(),
            String.valueOf(status.version()));
      }
    };
  }

  public boolean isCompleted(String view, int version) {
    return completed.contains(new Key(view, version));
  }
}
