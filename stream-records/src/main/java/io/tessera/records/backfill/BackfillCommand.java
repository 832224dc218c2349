package io.tessera.records.backfill;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * A record of the {@code backfill-requests} topic, keyed by view name so that one view's commands
 * reach one worker in the order they were given.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = BackfillCommand.Start.class, name = "start"),
  @JsonSubTypes.Type(value = BackfillCommand.Cancel.class, name = "cancel")
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
}
