package io.tessera.records.deadletter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why an event could not be used. The codes are what dead-letter records and metrics carry; the
 * transformation failures share their codes with the definitions library's own reasons.
 */
public enum DeadLetterReason {
  /** The payload could not be decoded (not JSON, or not a JSON object). */
  MALFORMED_PAYLOAD,
  /** The payload is larger than the ingest limit. */
  TOO_LARGE,
  /** A payload value does not fit its declared column type. */
  INVALID_VALUE,
  /** A derived column or the filter failed to evaluate. */
  EXPRESSION_FAILED,
  /** An entity-key column is null or missing. */
  MISSING_ENTITY,
  /** The event-time column is null, missing or unreadable. */
  MISSING_EVENT_TIME,
  /** The declared event-id column is null or missing. */
  MISSING_EVENT_ID,
  /** The event is older than the view's allowed lateness: its tiles are sealed. */
  TOO_LATE,
  /**
   * The event time is further ahead of the wall clock than the configured clock skew allows: it
   * would move its view's watermark into the future and make every on-time event late.
   */
  TOO_EARLY,
  /** The record names a view version no definition describes (deleted, or never registered). */
  UNKNOWN_VIEW;

  /** The code records and metrics carry: {@code missing_entity}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DeadLetterReason> fromCode(String code) {
    return Arrays.stream(values()).filter(reason -> reason.code().equals(code)).findFirst();
  }
}
