package io.tessera.aggregation.backfill;

import io.tessera.records.backfill.BackfillStatus;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of backfills with a final status on the status topic, whichever worker ran them. The
 * requests topic keeps commands longer than any one worker remembers: a new consumer group, or a
 * partition handed over after its commands ran, delivers starts that have ended, and they are not
 * run again. One id per backfill ever requested: small.
 */
final class EndedBackfills {
  private final Set<String> ended = ConcurrentHashMap.newKeySet();

  /** What the status follower hands every status to. */
  void record(BackfillStatus status) {
    if (status.state().isFinal()) {
      ended.add(status.id());
    }
  }

  boolean contains(String id) {
    return ended.contains(id);
  }
}
