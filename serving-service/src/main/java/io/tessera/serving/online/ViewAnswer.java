package io.tessera.serving.online;

import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.ViewValues;

/**
 * One (entity, view) read as the status rules need it.
 *
 * @param values the finished values of every window
 * @param newestEventMs the entity's newest event within the view's retention before {@code t}: the
 *     newest that contributed to a window, or, when none did, the newest older one still retained
 *     ({@link io.tessera.streamcore.read.RetentionProbe}); {@link Ir#NO_EVENT_MS} when there is
 *     none
 * @param dataThroughMs how far in event time the answering instance's data of the view reaches: a
 *     value at {@code t} is {@code stale} when this is more than the view's expected freshness
 *     before {@code t}, whatever the entity did: the view's watermark on the entity's partition as
 *     this follower applied it
 */
public record ViewAnswer(ViewValues values, long newestEventMs, long dataThroughMs) {

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
