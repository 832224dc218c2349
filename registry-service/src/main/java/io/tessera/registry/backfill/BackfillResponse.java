package io.tessera.registry.backfill;

import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import java.time.Instant;
import java.util.List;

/**
 * One backfill as the API shows it: a {@link BackfillStatus} with instants instead of epoch
 * milliseconds, null for what is open or unknown, and the progress as a fraction.
 *
 * @param state {@code queued}, {@code running}, {@code completed}, {@code failed} or {@code
 *     cancelled}
 * @param from the range's start; null for the start of the view's retention
 * @param to the range's end (exclusive); null for the hand-over to the stream
 * @param progress 0 to 1: the share of work units done (1 once completed, 0 while the source is
 *     still being read and the units are not known)
 * @param eventsPerSecond events read per second since it started
 * @param etaSeconds seconds left by the rate so far; null when unknown
 * @param error why it failed; null otherwise
 * @param worker the instance running it; null while queued
 */
public record BackfillResponse(
    String id,
    String view,
    int version,
    String state,
    Instant from,
    Instant to,
    Instant requestedAt,
    Instant updatedAt,
    double progress,
    BackfillCounts counts,
    double eventsPerSecond,
    Long etaSeconds,
    String error,
    String worker) {

  static BackfillResponse of(BackfillStatus status) {
    return new BackfillResponse(
        status.id(),
        status.view(),
        status.version(),
        status.state().code(),
        status.fromMs() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(status.fromMs()),
        status.toMs() == Long.MAX_VALUE ? null : Instant.ofEpochMilli(status.toMs()),
        status.requestedAt(),
        status.updatedAt(),
        progress(status),
        status.counts(),
        status.eventsPerSecond(),
        status.etaSeconds() < 0 ? null : status.etaSeconds(),
        status.error(),
        status.worker());
  }

  static double progress(BackfillStatus status) {
    if (status.state() == BackfillState.COMPLETED) {
      return 1;
    }
    BackfillCounts counts = status.counts();
    if (counts.unitsTotal() <= 0) {
      return 0;
    }
    return Math.min(1, (double) counts.unitsDone() / counts.unitsTotal());
  }

  /** The answer to listing a view's backfills: newest request first. */
  public record Listing(String view, List<BackfillResponse> backfills) {}
}
