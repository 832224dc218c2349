package io.tessera.records.deadletter;

import java.util.Arrays;
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
 * @param original the event's original bytes, exactly as read from the source; for a record larger
 *     than {@link #MAX_ORIGINAL_BYTES} only its first bytes (see {@link #of})
 */
public record DeadLetter(
    String reason,
    String detail,
    String view,
    int viewVersion,
    SourcePosition source,
    long failedAtMs,
    byte[] original) {

  /**
   * The most bytes of an original a dead letter carries. A record is often dead-lettered for its
   * size: copied whole, its letter would be larger still and refused by the producer, and the
   * refusal would stop the partition that was moving on. The source position names where the whole
   * record can be read while the topic retains it.
   */
  public static final int MAX_ORIGINAL_BYTES = 256 * 1024;

  public DeadLetter {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(original, "original");
  }

  /** A dead letter; an original over {@link #MAX_ORIGINAL_BYTES} keeps its first bytes only. */
  public static DeadLetter of(
      DeadLetterReason reason,
      String detail,
      String view,
      int viewVersion,
      SourcePosition source,
      long failedAtMs,
      byte[] original) {
    if (original.length <= MAX_ORIGINAL_BYTES) {
      return new DeadLetter(
          reason.code(), detail, view, viewVersion, source, failedAtMs, original.clone());
    }
    String truncated =
        "%s (original truncated: its first %d of %d bytes are kept)"
            .formatted(detail, MAX_ORIGINAL_BYTES, original.length);
    return new DeadLetter(
        reason.code(),
        truncated,
        view,
        viewVersion,
        source,
        failedAtMs,
        Arrays.copyOf(original, MAX_ORIGINAL_BYTES));
  }
}
