package io.tessera.definitions.transform;

import java.util.Locale;
import java.util.Objects;

/**
 * What the transformation made of one event: a normalized row, an event the filter skipped, or a
 * failure that ingest dead-letters with its reason (nothing is dropped silently).
 */
public sealed interface TransformResult {

  /** The event passed the filter and every column was computed. */
  record Success(NormalizedRow row) implements TransformResult {
    public Success {
      Objects.requireNonNull(row, "row");
    }
  }

  /** The filter was false: the view does not want this event. */
  record Filtered() implements TransformResult {}

  /**
   * The event cannot be used.
   *
   * @param reason the kind of failure, for dead-letter records and metrics
   * @param detail which column and what went wrong, for people
   */
  record Failed(Reason reason, String detail) implements TransformResult {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why an event failed. */
  enum Reason {
    /** A payload value does not fit its declared column type. */
    INVALID_VALUE,
    /** A derived column or the filter failed, typically on a null or missing field. */
    EXPRESSION_FAILED,
    /** An entity-key column is null or missing. */
    MISSING_ENTITY,
    /** The event-time column is null, missing or unreadable. */
    MISSING_EVENT_TIME,
    /** The declared event-id column is null or missing. */
    MISSING_EVENT_ID;

    /** The reason as dead-letter records write it: {@code missing_entity}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
