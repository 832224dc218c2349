package io.tessera.definitions.view;

import java.util.Locale;

/** How the event-time field encodes an instant. */
public enum TimeFormat {
  /** An integer number of milliseconds since the epoch. */
  EPOCH_MILLIS,
  /** A number of seconds since the epoch; a fraction is kept to the millisecond. */
  EPOCH_SECONDS,
  /** An ISO-8601 instant with an offset, such as {@code 2026-03-10T14:37:25.120Z}. */
  ISO8601;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
