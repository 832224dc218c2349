package io.tessera.serving.online;

import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.ViewValues;

/**
 * One (entity, view) read as the status rules need it.
 *
 * @param values the finished values of every window
 * @param newestEventMs the entity's newest event within the view's retention before {@code t}: the
 *     newest that contributed to a window, or, when none did, the newest older one still retained
 *     ({@link RetentionProbe}); {@link Ir#NO_EVENT_MS} when there is none
 */
public record ViewAnswer(ViewValues values, long newestEventMs) {

  /** The newest event time that contributed to any window of {@code values}. */
  public static long newestContributing(ViewValues values) {
    long newest = Ir.NO_EVENT_MS;
    for (var byWindow : values.newestEventTimesMs().values()) {
      for (long time : byWindow.values()) {
        newest = Math.max(newest, time);
      }
    }
    return newest;
  }
}
