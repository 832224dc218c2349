package io.tessera.records.deadletter;

import java.util.Objects;

/**
 * An event that could not be used, kept with everything needed to understand and replay it.
 *
 * @param reason why, as a {@link DeadLetterReason#code()}
 * @param detail which column or check failed and how, for people
 * @param view the feature view the event was read for
 * @param viewVersion the version of that view whose definition rejected it
 * @param source where the event was read
 * @param failedAtMs when it was rejected, epoch ms
 * @param original the event's original bytes, exactly as read from the source
 */
public record DeadLetter(
    String reason,
    String detail,
    String view,
    int viewVersion,
    SourcePosition source,
    long failedAtMs,
    byte[] original) {

  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(original, "original");
  }

  public static DeadLetter of(
      DeadLetterReason reason,
      String detail,
      String view,
      int viewVersion,
      SourcePosition source,
      long failedAtMs,
      byte[] original) {
    return new DeadLetter(
        reason.code(), detail, view, viewVersion, source, failedAtMs, original.clone());
  }
}
