package io.tessera.e2e;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewSpec;
import io.tessera.harness.load.EventLedger;
import io.tessera.harness.serving.FeatureReads;
import io.tessera.harness.serving.ServedVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reads a view's values from serving instances, as a model-serving app does (REST and gRPC in
 * turn), at random request times, and compares every feature and window with the engine's
 * brute-force {@link Oracle} over the events sent (too-late ones excluded, duplicates once). A
 * third of the request times sit exactly on an event time, one millisecond after it, or one window
 * length after it, where an off-by-one at either end of a window would show.
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
  private static final int UNAVAILABLE_ATTEMPTS = 6;
  private static final long UNAVAILABLE_PAUSE_MS = 250;

  private final List<FeatureReads> readers;
  private final ViewSpec view;
  private final String readAs;
  private final String keyColumn;
  private final List<String> featureNames;
  private final EventLedger ledger;
  private final SplittableRandom random;

  /**
   * @param readers the serving instances and transports to ask, in turn
   * @param keyColumn the view's entity column
   */
  OracleCheck(
      List<FeatureReads> readers, ViewSpec view, String keyColumn, EventLedger ledger, long seed) {
    this(readers, view, view.name(), keyColumn, ledger, seed);
  }

  /**
   * @param readAs how requests name the view: {@code user_txn} (its serving version answers) or
   *     {@code user_txn@2} (pinned to a version, whose definition {@code view} must be)
   */
  OracleCheck(
      List<FeatureReads> readers,
      ViewSpec view,
      String readAs,
      String keyColumn,
      EventLedger ledger,
      long seed) {
    this.readers = List.copyOf(readers);
    this.view = view;
    this.readAs = readAs;
    this.keyColumn = keyColumn;
    this.featureNames = view.features().stream().map(FeatureSpec::name).toList();
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
      FeatureReads reader = readers.get(q % readers.size());
      ServedVector served = readAvailable(reader, entity, tMs);
      for (FeatureSpec feature : view.features()) {
        for (WindowSpec window : feature.windows()) {
          long startMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
          Object expected = Oracle.expected(feature, Oracle.inWindow(events, startMs, tMs));
          String written = window.toString();
          String status = served.status(feature.name(), written);
          String problem =
              status == null
                  ? "not answered"
                  : status.equals("unavailable")
                      ? "unavailable"
                      : ValueMatcher.mismatch(
                          feature, expected, served.value(feature.name(), written));
          compared++;
          if (problem != null) {
            mismatchCount++;
            if (mismatches.size() < MISMATCHES_KEPT) {
              mismatches.add(
                  "%s %s %s over %s at %d (%s, status %s): %s"
                      .formatted(
                          readAs,
                          entity,
                          feature.name(),
                          written,
                          tMs,
                          reader.transport(),
                          status,
                          problem));
            }
          }
        }
      }
    }
    return new Result(queries, compared, mismatches, mismatchCount);
  }

  /**
   * A read; one with an {@code unavailable} value (a store call past its timeout on a loaded
   * two-core machine says nothing about exactness) is asked again, a few times; a value still
   * unavailable then counts as a mismatch.
   */
  private ServedVector readAvailable(FeatureReads reader, String entity, long tMs) {
    ServedVector served = reader.read(readAs, featureNames, keyColumn, entity, tMs);
    for (int attempt = 1;
        attempt < UNAVAILABLE_ATTEMPTS && served.statuses().containsValue("unavailable");
        attempt++) {
      pause(UNAVAILABLE_PAUSE_MS * attempt);
      served = reader.read(readAs, featureNames, keyColumn, entity, tMs);
    }
    return served;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
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
