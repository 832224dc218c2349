package io.tessera.e2e;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.e2e.load.EventLedger;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ViewReader;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Reads a view's values through the engine's read plan from the store at random query times and
 * compares every feature and window with the engine's brute-force {@link Oracle} over the events
 * sent (too-late ones excluded, duplicates once). A third of the query times sit exactly on an
 * event time, one millisecond after it, or one window length after it, where an off-by-one at
 * either end of a window would show.
 */
final class OracleCheck {

  /**
   * What one round of queries found.
   *
   * @param queries reads made
   * @param values feature-window values compared
   * @param mismatches the first few differences, described
   * @param mismatchCount all differences
   */
  record Result(int queries, int values, List<String> mismatches, int mismatchCount) {}

  private static final int MISMATCHES_KEPT = 20;

  private final TileStore store;
  private final ViewSpec view;
  private final ViewReader reader;
  private final EventLedger ledger;
  private final SplittableRandom random;

  OracleCheck(TileStore store, ViewSpec view, EventLedger ledger, long seed) {
    this.store = store;
    this.view = view;
    this.reader = new ViewReader(view);
    this.ledger = ledger;
    this.random = new SplittableRandom(seed);
  }

  /** {@code queries} reads at times in {@code [fromMs, toMs]}, each checked in full. */
  Result check(int queries, long fromMs, long toMs) {
    List<String> entities = new ArrayList<>(ledger.entities(view.name()));
    List<WindowSpec> windows = new ArrayList<>(view.windows());
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    int mismatchCount = 0;
    for (int q = 0; q < queries; q++) {
      String entity = entities.get(random.nextInt(entities.size()));
      List<Event> events = ledger.applicable(view.name(), entity);
      long tMs = queryTime(events, windows, fromMs, toMs);
      ViewValues values = reader.read(store, new EntityRef(view.name(), entity), tMs);
      int before = mismatchCount;
      for (FeatureSpec feature : view.features()) {
        for (WindowSpec window : feature.windows()) {
          long startMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
          Object expected = Oracle.expected(feature, Oracle.inWindow(events, startMs, tMs));
          String problem =
              ValueMatcher.mismatch(feature, expected, values.get(feature.name(), window));
          compared++;
          if (problem != null) {
            mismatchCount++;
            if (mismatches.size() < MISMATCHES_KEPT) {
              mismatches.add(
                  "%s %s %s over %s at %d: %s"
                      .formatted(view.name(), entity, feature.name(), window, tMs, problem));
            }
          }
        }
      }
      if (mismatchCount > before && mismatches.size() < MISMATCHES_KEPT) {
        mismatches.add(diagnose(entity, events, tMs));
      }
    }
    return new Result(queries, compared, mismatches, mismatchCount);
  }

  /** Where the missing or extra events are: the log, pending, or only the tiles. */
  private String diagnose(String entity, List<Event> events, long tMs) {
    EntityRef ref = new EntityRef(view.name(), entity);
    List<Event> expected = Oracle.inWindow(events, Long.MIN_VALUE, tMs);
    if (expected.isEmpty()) {
      return "  (no events before " + tMs + ")";
    }
    Set<String> logged = new HashSet<>();
    store
        .readEvents(ref, expected.get(0).eventTimeMs(), tMs)
        .forEach(event -> logged.add(event.eventId()));
    long missing = expected.stream().filter(e -> !logged.contains(e.eventId())).count();
    EntityHead head = store.readHead(ref);
    return "  %s at %d: the log holds %d of the %d events before t (%d missing, %d unexpected);"
            .formatted(
                entity,
                tMs,
                expected.size() - missing,
                expected.size(),
                missing,
                logged.size() - (expected.size() - missing))
        + " pending %d, meta %s".formatted(head.pending().size(), head.meta());
  }

  private long queryTime(List<Event> events, List<WindowSpec> windows, long fromMs, long toMs) {
    int mode = random.nextInt(6);
    if (mode < 3 && !events.isEmpty()) {
      long eventMs = events.get(random.nextInt(events.size())).eventTimeMs();
      WindowSpec window = windows.get(random.nextInt(windows.size()));
      long tMs =
          switch (mode) {
            case 0 -> eventMs; // the event is just outside [t - W, t)
            case 1 -> eventMs + 1; // just inside, at the new end
            default -> window.isLifetime() ? eventMs + 1 : eventMs + window.sizeMs(); // at start
          };
      if (tMs >= fromMs && tMs <= toMs) {
        return tMs;
      }
    }
    return fromMs + random.nextLong(toMs - fromMs + 1);
  }
}
