package io.tessera.definitions.view;

import java.util.Objects;

/**
 * Which payload column holds an event's time, and how it is written. Windows are over this time,
 * not over arrival time.
 *
 * @param field a payload column declared in the schema
 * @param format how the column encodes the instant
 */
public record EventTime(String field, TimeFormat format) {

  public EventTime {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(format, "format");
  }
}
