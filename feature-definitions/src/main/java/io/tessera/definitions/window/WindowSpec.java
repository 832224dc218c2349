package io.tessera.definitions.window;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length of an aggregation window: a fixed duration such as {@code 90s}, {@code 15m}, {@code
 * 1h}, {@code 7d}, or {@code lifetime} (every event since the entity's first). A request at time
 * {@code t} covers events with {@code t - size <= eventTime < t}; the spec is not a window
 * instance, which is fixed by {@code t}.
 *
 * @param sizeMs the window length in milliseconds, or {@link #LIFETIME_MS} for lifetime
 */
public record WindowSpec(long sizeMs) {

  /** Marker size of a lifetime window: longer than any event history. */
  public static final long LIFETIME_MS = Long.MAX_VALUE;

  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,9})(ms|s|m|h|d)");

  public WindowSpec {
    if (sizeMs <= 0) {
      throw new IllegalArgumentException("window size must be positive, was " + sizeMs + " ms");
    }
  }

  public static WindowSpec ofSize(Duration size) {
    return new WindowSpec(size.toMillis());
  }

  public static WindowSpec lifetime() {
    return new WindowSpec(LIFETIME_MS);
  }

  /**
   * Parses the definition syntax: a positive whole number and a unit ({@code ms}, {@code s}, {@code
   * m}, {@code h}, {@code d}), or {@code lifetime}.
   *
   * @throws IllegalArgumentException with a message fit for a data scientist
   */
  public static WindowSpec parse(String text) {
    Objects.requireNonNull(text, "window");
    if (text.equals("lifetime")) {
      return lifetime();
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a window: write a whole number and a unit (90s, 15m, 1h, 7d)"
              + " or 'lifetime'");
    }
    long amount = Long.parseLong(m.group(1));
    Duration unit =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(1);
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          default -> Duration.ofDays(1);
        };
    return ofSize(unit.multipliedBy(amount));
  }

  public boolean isLifetime() {
    return sizeMs == LIFETIME_MS;
  }

  /**
   * The canonical text: the largest unit that divides the size exactly ({@code 90s}, {@code 7d}).
   */
  @Override
  public String toString() {
    if (isLifetime()) {
      return "lifetime";
    }
    return DurationText.format(sizeMs);
  }
}
