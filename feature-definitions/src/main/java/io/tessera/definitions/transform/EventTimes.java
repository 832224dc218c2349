package io.tessera.definitions.transform;

import io.tessera.definitions.view.TimeFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads an event's time, in epoch milliseconds, from its coerced event-time column. */
final class EventTimes {

  private EventTimes() {}

  /**
   * The epoch milliseconds of {@code value} written in {@code format}.
   *
   * @param value the coerced column value: {@link Long}, {@link Double}, {@link String} or {@link
   *     Instant}
   * @throws IllegalArgumentException if the value does not encode an instant in that format
   */
  static long epochMs(TimeFormat format, Object value) {
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    switch (format) {
      case EPOCH_MILLIS:
        if (value instanceof Long ms) {
          return ms;
        }
        break;
      case EPOCH_SECONDS:
        if (value instanceof Long seconds) {
          return Math.multiplyExact(seconds, 1_000L);
        }
        if (value instanceof Double seconds) {
          // Through the decimal text, so 1710000000.123 s is 1710000000123 ms, not ...122.
          return BigDecimal.valueOf(seconds)
              .movePointRight(3)
              .setScale(0, RoundingMode.HALF_UP)
              .longValueExact();
        }
        break;
      case ISO8601:
        if (value instanceof String text) {
          try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                "'" + text + "' is not an ISO-8601 instant with an offset");
          }
        }
        break;
    }
    throw new IllegalArgumentException(
        "a " + value.getClass().getSimpleName() + " is not a time in " + format.jsonName());
  }
}
