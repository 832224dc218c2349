package io.tessera.registry.backfill;

import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest status of every backfill, by id. Thread-safe: the follower writes, requests read.
 *
 * <p>A {@link BackfillState#QUEUED} status never replaces a later state of the same backfill. The
 * registry publishes the QUEUED status after the command, so a quick worker's first RUNNING status
 * can reach the topic before it; it also puts QUEUED in here itself, possibly after the follower
 * read RUNNING.
 */
final class KnownBackfills {

  /** Newest request first; the id breaks ties so that the order is total. */
  static final Comparator<BackfillStatus> NEWEST_REQUEST_FIRST =
      Comparator.comparing(BackfillStatus::requestedAt)
          .reversed()
          .thenComparing(BackfillStatus::id);

  private final Map<String, BackfillStatus> byId = new ConcurrentHashMap<>();

  /** Takes {@code status} as the newest word on its backfill, unless it is a stale QUEUED. */
  void put(BackfillStatus status) {
    byId.merge(status.id(), status, KnownBackfills::newer);
  }

  private static BackfillStatus newer(BackfillStatus known, BackfillStatus incoming) {
    boolean staleQueued =
        incoming.state() == BackfillState.QUEUED && known.state() != BackfillState.QUEUED;
    return staleQueued ? known : incoming;
  }

  int size() {
    return byId.size();
  }

  /** The backfill {@code id} of {@code view}. */
  Optional<BackfillStatus> get(String view, String id) {
    return Optional.ofNullable(byId.get(id)).filter(s -> s.view().equals(view));
  }

  /** Every backfill of {@code view}, newest request first. */
  List<BackfillStatus> of(String view) {
    return byId.values().stream()
        .filter(s -> s.view().equals(view))
        .sorted(NEWEST_REQUEST_FIRST)
        .toList();
  }

  /** Whether version {@code version} of {@code view} has any backfill, in any state. */
  boolean any(String view, int version) {
    return byId.values().stream().anyMatch(s -> s.view().equals(view) && s.version() == version);
  }

  /** The queued or running backfill of that version, if any (the newest request if several). */
  Optional<BackfillStatus> active(String view, int version) {
    return of(view).stream()
        .filter(s -> s.version() == version && !s.state().isFinal())
        .findFirst();
  }
}
