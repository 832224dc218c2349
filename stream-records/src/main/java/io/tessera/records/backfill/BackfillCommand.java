package io.tessera.records.backfill;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * A record of the {@code backfill-requests} topic. Starts and cancels are keyed by view name, so
 * that one view's commands reach one worker in the order they were given; the tasks a start is
 * divided into go to the partition of their own number, so that every worker of the group gets
 * some.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = BackfillCommand.Start.class, name = "start"),
  @JsonSubTypes.Type(value = BackfillCommand.Cancel.class, name = "cancel"),
  @JsonSubTypes.Type(value = BackfillCommand.Task.class, name = "task")
})
public sealed interface BackfillCommand {

  /** The backfill it is about. */
  String id();

  String view();

  Instant requestedAt();

  /**
   * Backfill {@code version} of {@code view} over {@code [fromMs, toMs)}, clipped to where its
   * lineage's stream starts.
   *
   * @param fromMs the range's start, epoch ms; null for the start of the view's retention (its
   *     longest window before the hand-over, or everything for a lifetime window)
   * @param toMs the range's end, epoch ms; null for the hand-over to the stream
   * @param reason {@code registered} (started by registering the version) or {@code requested}
   */
  record Start(
      String id,
      String view,
      int version,
      Long fromMs,
      Long toMs,
      String reason,
      Instant requestedAt)
      implements BackfillCommand {
    public Start {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(requestedAt, "requestedAt");
      if (version < 1) {
        throw new IllegalArgumentException("view versions count from 1, was " + version);
      }
      if (fromMs != null && toMs != null && fromMs >= toMs) {
        throw new IllegalArgumentException("the range's start must be before its end");
      }
    }
  }

  /** Stop the backfill {@code id} of {@code view}; what it wrote stays. */
  record Cancel(String id, String view, Instant requestedAt) implements BackfillCommand {
    public Cancel {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(requestedAt, "requestedAt");
    }
  }

  /**
   * One work unit of the backfill {@code id}, published by the worker that took its start: the
   * events of normalized partition {@code partition} (of {@code partitions}) over the resolved
   * range {@code [fromMs, toMs)}. Tasks share nothing (their rows, tiles and manifests are their
   * partition's), so any worker of the group runs any of them; a worker holding several tasks of
   * one backfill reads the source once for all of them.
   *
   * @param fromMs the resolved range's start ({@link Long#MIN_VALUE}: all of the source's history)
   * @param toMs the resolved range's end, on a coarsest-tile boundary, at most the hand-over
   */
  record Task(
      String id,
      String view,
      int version,
      long fromMs,
      long toMs,
      int partition,
      int partitions,
      Instant requestedAt)
      implements BackfillCommand {
    public Task {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(view, "view");
      Objects.requireNonNull(requestedAt, "requestedAt");
      if (version < 1) {
        throw new IllegalArgumentException("view versions count from 1, was " + version);
      }
      if (partition < 0 || partition >= partitions) {
        throw new IllegalArgumentException("no partition " + partition + " of " + partitions);
      }
      if (fromMs >= toMs) {
        throw new IllegalArgumentException("the range's start must be before its end");
      }
    }
  }
}
