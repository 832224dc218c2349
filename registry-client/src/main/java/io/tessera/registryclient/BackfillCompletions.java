package io.tessera.registryclient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The view versions whose backfill has completed, as this instance has learnt them from the {@code
 * backfill-status} topic ({@link BackfillStatusFollower}). Only ever grows: a completion is never
 * taken back, so a view only ever moves forward.
 */
public final class BackfillCompletions {
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

  public boolean isCompleted(String view, int version) {
    return completed.contains(new Key(view, version));
  }
}
