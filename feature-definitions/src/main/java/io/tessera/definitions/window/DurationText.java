package io.tessera.definitions.window;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of millisecond durations in definitions: {@code 0s}, {@code 90s}, {@code 1h},
 * {@code 7d}. Parsing and formatting round-trip: {@code format(parseMs(t))} is the canonical text
 * of {@code t} ({@code 60m} becomes {@code 1h}).
 */
public final class DurationText {
  private static final long[] UNIT_MS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final String[] UNIT_NAME = {"d", "h", "m", "s", "ms"};

  // At most ten digits: even 9,999,999,999 days stays far below Long.MAX_VALUE milliseconds.
  private static final Pattern DURATION = Pattern.compile("(0|[1-9][0-9]{0,9})(ms|s|m|h|d)");

  private DurationText() {}

  /** The largest unit that divides {@code ms} exactly. */
  public static String format(long ms) {
    if (ms == 0) {
      return "0s";
    }
    for (int i = 0; i < UNIT_MS.length; i++) {
      if (ms % UNIT_MS[i] == 0) {
        return (ms / UNIT_MS[i]) + UNIT_NAME[i];
      }
    }
    throw new AssertionError("1 ms divides every duration");
  }

  /**
   * Parses a whole number and a unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}). Zero
   * is allowed ({@code 0s}); callers that need a positive duration check that themselves.
   *
   * @throws IllegalArgumentException with a message fit for a data scientist
   */
  public static long parseMs(String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: write a whole number and a unit (90s, 15m, 1h, 7d)");
    }
    long amount = Long.parseLong(m.group(1));
    for (int i = 0; i < UNIT_NAME.length; i++) {
      if (UNIT_NAME[i].equals(m.group(2))) {
        return amount * UNIT_MS[i];
      }
    }
    throw new AssertionError("the pattern admits only known units");
  }
}
