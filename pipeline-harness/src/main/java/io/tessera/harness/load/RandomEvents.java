package io.tessera.harness.load;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Draws the random events of one view: entities, values (with some nulls), and times relative to
 * the moment of production, by {@link EventKind}.
 *
 * <p>The bound the tests rely on: every event that can be applied (all but {@link
 * EventKind#TOO_LATE}) has an event time no older than {@link #MAX_DELAY_MS} before the moment it
 * is produced. So once everything produced before wall time {@code w} is applied, the values at any
 * {@code t <= w - MAX_DELAY_MS} are final.
 */
public final class RandomEvents {

  /** On-time events are up to this much older than their production, in random order. */
  static final long ON_TIME_SPREAD_MS = 3_000;

  /** Late events: old enough to miss the current minute tile often, far inside the lateness. */
  static final long LATE_MIN_MS = 5_000;

  static final long LATE_MAX_MS = 20_000;

  /** Duplicates repeat an event produced at most this long before. */
  static final long DUPLICATE_WITHIN_MS = 4_000;

  /** The oldest an applied event can be relative to its production (see the class comment). */
  public static final long MAX_DELAY_MS = LATE_MAX_MS + DUPLICATE_WITHIN_MS + 1_000;

  /** Too-late events are up to this much older than the entity's sealed horizon. */
  static final long TOO_LATE_SPREAD_MS = 600_000;

  private static final int CATEGORIES = 40;

  /**
   * The shares of each kind; the rest is {@link EventKind#ON_TIME}.
   *
   * @param late late within the allowed lateness
   * @param duplicate produced again
   * @param tooLate older than the entity's sealed tiles (only for entities that have them)
   */
  public record Mix(double late, double duplicate, double tooLate) {
    public static final Mix ON_TIME_ONLY = new Mix(0, 0, 0);
  }

  private final String view;
  private final String idPrefix;
  private final Mix mix;
  private final Function<String, OptionalLong> sealedBefore;
  private final SplittableRandom random;
  private final ToIntFunction<SplittableRandom> entityDraw;
  // duplicates drawn when their event was produced, waiting for their send time: only the events
  // that will be sent again are kept (at 30,000 events/s, keeping every event of the last seconds
  // to draw from made the generator's collector its busiest thread)
  private final PriorityQueue<Pending> duplicates =
      new PriorityQueue<>(Comparator.comparingLong(Pending::dueMs).thenComparingLong(Pending::seq));
  private long nextId;

  private record Pending(long dueMs, long seq, SourceEvent event) {}

  /**
   * @param view the view whose source these events go to
   * @param idPrefix makes event ids unique across the generators of a run
   * @param entities how many entities ({@code <view-prefix>_u0 ...})
   * @param sealedBefore the entity's sealed horizon, when it has one (read from the store)
   */
  public RandomEvents(
      String view,
      String idPrefix,
      int entities,
      Mix mix,
      Function<String, OptionalLong> sealedBefore,
      long seed) {
    this(view, idPrefix, mix, sealedBefore, seed, random -> random.nextInt(entities));
  }

  /**
   * The same, with each event's entity index ({@code <view-prefix>_u<index>}) drawn by {@code
   * entityDraw} instead of uniformly: benchmarks draw them Zipf-wise, as real traffic concentrates
   * on a few keys.
   */
  public RandomEvents(
      String view,
      String idPrefix,
      Mix mix,
      Function<String, OptionalLong> sealedBefore,
      long seed,
      ToIntFunction<SplittableRandom> entityDraw) {
    this.entityDraw = entityDraw;
    this.view = view;
    this.idPrefix = idPrefix;
    this.mix = mix;
    this.sealedBefore = sealedBefore;
    this.random = new SplittableRandom(seed);
  }

  /** The next event, produced at {@code nowMs}. */
  public SourceEvent next(long nowMs) {
    Pending due = duplicates.peek();
    if (due != null && due.dueMs() <= nowMs) {
      return duplicates.poll().event().asDuplicate();
    }
    String entity = entity(entityDraw.applyAsInt(random));
    // the shares of the other kinds are of all sends, duplicates included
    double draw = random.nextDouble() * (1 - mix.duplicate());
    if (draw < mix.tooLate()) {
      OptionalLong sealed = sealedBefore.apply(entity);
      if (sealed.isPresent()) {
        long time = sealed.getAsLong() - 1 - random.nextLong(TOO_LATE_SPREAD_MS);
        return event(entity, time, EventKind.TOO_LATE);
      }
    }
    draw -= mix.tooLate();
    SourceEvent event =
        draw < mix.late()
            ? event(
                entity,
                nowMs - LATE_MIN_MS - random.nextLong(LATE_MAX_MS - LATE_MIN_MS),
                EventKind.LATE)
            : event(entity, nowMs - random.nextLong(ON_TIME_SPREAD_MS + 1), EventKind.ON_TIME);
    // each new event is sent again with probability d / (1 - d), so that duplicates are the share
    // d of all sends; at a uniform delay that leaves the window's last quarter as slack for pacing
    double duplicate = mix.duplicate();
    if (duplicate > 0 && random.nextDouble() < duplicate / (1 - duplicate)) {
      long delayMs = random.nextLong(DUPLICATE_WITHIN_MS * 3 / 4 + 1);
      duplicates.add(new Pending(nowMs + delayMs, nextId, event));
    }
    return event;
  }

  /** An on-time event of a given entity (freshness probes). */
  public SourceEvent onTime(String entity, long nowMs) {
    return event(entity, nowMs, EventKind.ON_TIME);
  }

  public String entity(int index) {
    return view + "_u" + index;
  }

  private SourceEvent event(String entity, long timeMs, EventKind kind) {
    Map<String, Object> values = new LinkedHashMap<>(8);
    values.put("user_id", entity);
    values.put("txn_id", idPrefix + "-" + nextId++);
    values.put("amount", random.nextLong(-50, 1_000));
    // some nulls: count(input), mean and friends skip them
    values.put("price", random.nextInt(20) == 0 ? null : random.nextInt(100_000) / 100.0);
    values.put("category", "c" + random.nextInt(CATEGORIES));
    values.put("ts", timeMs);
    return new SourceEvent(view, entity, (String) values.get("txn_id"), timeMs, values, kind);
  }
}
