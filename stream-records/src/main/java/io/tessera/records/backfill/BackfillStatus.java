package io.tessera.records.backfill;

import java.time.Instant;
import java.util.Objects;

/**
 * A record of the compacted {@code backfill-status} topic: the newest word on one backfill, keyed
 * {@link #key()}. Workers publish one when they take a request, every few seconds while it runs,
 * and once when it ends; the registry publishes {@link BackfillState#QUEUED} when it asks for one.
 * A {@link BackfillState#COMPLETED} record lets the version serve.
 *
 * @param id the backfill's id (unique per request)
 * @param view the view's name
 * @param version the view version backfilled
 * @param state where it is
 * @param fromMs the range's start, epoch ms ({@link Long#MIN_VALUE}: everything the source has)
 * @param toMs the range's end, epoch ms (the lineage's hand-over to the stream, as a rule)
 * @param requestedAt when it was asked for
 * @param updatedAt when this record was written
 * @param counts how far it has come
 * @param eventsPerSecond events read per second since it started
 * @param etaSeconds seconds left by the rate so far, or -1 when unknown
 * @param error why it failed, or null
 * @param worker the instance running it, or null while queued
 */
public record BackfillStatus(
    String id,
    String view,
    int version,
    BackfillState state,
    long fromMs,
    long toMs,
    Instant requestedAt,
    Instant updatedAt,
    BackfillCounts counts,
    double eventsPerSecond,
    long etaSeconds,
    String error,
    String worker) {

  public BackfillStatus {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(counts, "counts");
  }

  /** A request no worker has taken yet. */
  public static BackfillStatus queued(BackfillCommand.Start start) {
    return new BackfillStatus(
        start.id(),
        start.view(),
        start.version(),
        BackfillState.QUEUED,
        start.fromMs() == null ? Long.MIN_VALUE : start.fromMs(),
        start.toMs() == null ? Long.MAX_VALUE : start.toMs(),
        start.requestedAt(),
        start.requestedAt(),
        BackfillCounts.NONE,
        0,
        -1,
        null,
        null);
  }

  /**
   * {@code view/<name>/<version>/<id>}: the newest record of each backfill survives compaction. The
   * registry's {@link BackfillState#QUEUED} record has a key of its own ({@code .../queued}): it is
   * published just after the command, and a worker's final record that overtook it must not be
   * compacted away by it (serving would never learn the completion).
   */
  public String key() {
    String key = "view/" + view + "/" + version + "/" + id;
    return state == BackfillState.QUEUED ? key + "/queued" : key;
  }

  public boolean isCompleted() {
    return state == BackfillState.COMPLETED;
  }
}
