package io.tessera.definitions.window;

/**
 * Formats millisecond durations the way definitions write them: {@code 90s}, {@code 1h}, {@code
 * 7d}.
 */
public final class DurationText {
  private static final long[] UNIT_MS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final String[] UNIT_NAME = {"d", "h", "m", "s", "ms"};

  private DurationText() {}

  /** The largest unit that divides {@code ms} exactly. */
  public static String format(long ms) {
    for (int i = 0; i < UNIT_MS.length; i++) {
      if (ms % UNIT_MS[i] == 0) {
        return (ms / UNIT_MS[i]) + UNIT_NAME[i];
      }
    }
    throw new AssertionError("1 ms divides every duration");
  }
}
