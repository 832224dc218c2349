package io.tessera.streamcore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.tile.Tiling;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The retention probe's newest event in {@code [from, to)} equals the brute-force newest over the
 * applied events, with spans ending in the store, across the durable seal point and in memory, and
 * with edges exactly on events; it reads tile rows only, bounded by the resolutions, and raw events
 * only when an edge tile's newest event lies after the span.
 */
class RetentionProbeTest {
  private static final long MINUTE = FollowedLog.MINUTE;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = FollowedLog.DAY;
  private static final long T0 = FollowedLog.T0;
  private static final long END = FollowedLog.END;
  private static final int LEVELS = 3;

  private final RetentionProbe probe =
      new RetentionProbe(
          FollowedLog.SPEC, new SealedSpanPlanner(new Tiling(FollowedLog.SPEC.resolutions())));

  /** A few events over four days (some a minute apart), the newest open in memory. */
  private static final List<Long> TIMES =
      List.of(
          T0 + 5 * HOUR + 17_123,
          T0 + 5 * HOUR + 17_124,
          T0 + DAY + 3 * HOUR + 59 * MINUTE + 59_999,
          T0 + 2 * DAY + 7_000,
          T0 + 3 * DAY + 12 * HOUR + 30 * MINUTE,
          END - 3 * MINUTE - 1);

  @Test
  void findsTheNewestEventOfAnySpanAsTheEventsSay() {
    FollowedLog log = FollowedLog.of(TIMES, 0);
    long durableMs = log.follower().durable(FollowedLog.VIEW).sealedBeforeMs();
    assertThat(durableMs).isLessThan(TIMES.get(TIMES.size() - 1)); // the last one is in memory
    List<long[]> spans = new ArrayList<>();
    for (long eventMs : TIMES) {
      spans.add(new long[] {eventMs, eventMs + 1}); // exactly the event
      spans.add(new long[] {eventMs + 1, eventMs + DAY}); // just after it
      spans.add(new long[] {eventMs - DAY, eventMs}); // ending exactly at it: excluded
      spans.add(new long[] {eventMs - 2 * DAY, eventMs + 1}); // ending just after it
    }
    spans.add(new long[] {durableMs - HOUR, durableMs + HOUR}); // across the seal point
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      long fromMs = T0 - DAY + (long) (random.nextDouble() * 6 * DAY);
      spans.add(new long[] {fromMs, fromMs + (long) (random.nextDouble() * 3 * DAY)});
    }

    for (long[] span : spans) {
      long found = newest(log, span[0], span[1]);

      assertThat(found)
          .as("[%d, %d)", span[0] - T0, span[1] - T0)
          .isEqualTo(bruteForce(log.applied(), span[0], span[1]));
      assertThat(log.store().rangeReads.get()).isLessThanOrEqualTo(2 * LEVELS + 1);
    }
  }

  @Test
  void readsNoEventWhenTheEdgeTilesCanTell() {
    FollowedLog log = FollowedLog.of(TIMES, 0);
    long eventMs = TIMES.get(3);

    // both edges inside minutes holding no event after the span: tile rows alone answer
    assertThat(newest(log, eventMs - 30 * HOUR - 1_234, eventMs + 5 * HOUR + 17))
        .isEqualTo(eventMs);
    assertThat(log.store().events.get()).isZero();
    assertThat(newest(log, eventMs + 1, eventMs + 20 * HOUR + 1)).isEqualTo(Ir.NO_EVENT_MS);
    assertThat(log.store().events.get()).isZero();

    // the span ends inside a minute whose newest event is after it: only its events can tell
    assertThat(newest(log, TIMES.get(1) - DAY, TIMES.get(1))).isEqualTo(TIMES.get(0));
    assertThat(log.store().events.get()).isPositive();
  }

  private long newest(FollowedLog log, long fromMs, long toMs) {
    log.store().reset();
    return probe
        .newestBetween(
            log.store(), log.follower(), FollowedLog.VIEW, FollowedLog.ENTITY, fromMs, toMs)
        .toCompletableFuture()
        .join();
  }

  private static long bruteForce(List<Event> events, long fromMs, long toMs) {
    long newest = Ir.NO_EVENT_MS;
    for (Event event : events) {
      if (event.eventTimeMs() >= fromMs && event.eventTimeMs() < toMs) {
        newest = Math.max(newest, event.eventTimeMs());
      }
    }
    return newest;
  }
}
