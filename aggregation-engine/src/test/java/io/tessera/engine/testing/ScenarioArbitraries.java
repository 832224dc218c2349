package io.tessera.engine.testing;

import static io.tessera.engine.testing.TestView.DAY_MS;
import static io.tessera.engine.testing.TestView.HOUR_MS;
import static io.tessera.engine.testing.TestView.MINUTE_MS;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.definitions.window.WindowSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates {@link Scenario}s: several days of events with bursts, gaps, events exactly on tile
 * boundaries, out-of-order and duplicate deliveries, very old and future timestamps; and query
 * times that often sit exactly on a boundary, on an event, or one window after an event.
 */
public final class ScenarioArbitraries {
  /** A Saturday midnight: tiles of every size start here. */
  public static final long T0_MS = Instant.parse("2026-03-07T00:00:00Z").toEpochMilli();

  public static final long SPAN_MS = 4 * DAY_MS;

  private static final TileResolutions FOUR_LEVELS =
      new TileResolutions(List.of(DAY_MS, HOUR_MS, 15 * MINUTE_MS, MINUTE_MS));

  private ScenarioArbitraries() {}

  /** Arrival clock and event time of one generated event (before duplicates). */
  private record Draft(
      long clockMs, long eventTimeMs, Long amount, Double price, String category) {}

  public static Arbitrary<Scenario> scenarios(int maxEvents) {
    Arbitrary<TileResolutions> resolutions =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.just(TileResolutions.DEFAULT)),
            Tuple.of(1, Arbitraries.just(FOUR_LEVELS)));
    Arbitrary<List<Draft>> drafts = draft().list().ofMaxSize(maxEvents);
    Arbitrary<List<Integer>> duplicates =
        Arbitraries.integers().between(0, 1000).list().ofMaxSize(6);
    Arbitrary<Integer> compactEvery = Arbitraries.integers().between(1, 12);
    Arbitrary<Long> lateness = Arbitraries.of(10 * MINUTE_MS, 2 * HOUR_MS, DAY_MS);
    Arbitrary<List<QueryDraft>> queries = queryDraft().list().ofMinSize(1).ofMaxSize(4);
    return Combinators.combine(resolutions, drafts, duplicates, compactEvery, lateness, queries)
        .as(ScenarioArbitraries::assemble);
  }

  private static Scenario assemble(
      TileResolutions resolutions,
      List<Draft> drafts,
      List<Integer> duplicates,
      int compactEvery,
      long latenessMs,
      List<QueryDraft> queryDrafts) {
    List<Draft> ordered = new ArrayList<>(drafts);
    ordered.sort(Comparator.comparingLong(Draft::clockMs));
    List<Scenario.Arrival> arrivals = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      Draft d = ordered.get(i);
      arrivals.add(
          new Scenario.Arrival(d.clockMs, d.eventTimeMs, "e" + i, d.amount, d.price, d.category));
    }
    for (int pick : duplicates) {
      if (!arrivals.isEmpty()) {
        // redelivered later, at a new offset, with the same id and content
        Scenario.Arrival original = arrivals.get(pick % arrivals.size());
        int at = Math.min(arrivals.size(), (pick % arrivals.size()) + 1 + pick % 7);
        long clockMs = arrivals.get(at - 1).clockMs();
        arrivals.add(
            at,
            new Scenario.Arrival(
                clockMs,
                original.eventTimeMs(),
                original.eventId(),
                original.amount(),
                original.price(),
                original.category()));
      }
    }
    List<Scenario.Query> queries = new ArrayList<>();
    for (QueryDraft q : queryDrafts) {
      queries.add(q.resolve(arrivals));
    }
    return new Scenario(resolutions, arrivals, compactEvery, latenessMs, queries);
  }

  private static Arbitrary<Draft> draft() {
    // bursts: many events within 90 s around a few instants, so tiles get out-of-order events
    Arbitrary<Long> burst =
        Combinators.combine(
                Arbitraries.integers().between(0, 7), Arbitraries.longs().between(0, 90_000))
            .as(
                (center, offset) ->
                    T0_MS + center * (11 * HOUR_MS + 7 * MINUTE_MS + 13_000) + offset);
    Arbitrary<Long> clock =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.longs().between(T0_MS, T0_MS + SPAN_MS)), Tuple.of(1, burst));
    Arbitrary<Long> lag = // how far event time trails the clock: mostly on time, some late
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.longs().between(0, 60_000)),
            Tuple.of(3, Arbitraries.longs().between(0, 3 * HOUR_MS)),
            Tuple.of(1, Arbitraries.longs().between(0, 2 * DAY_MS)));
    Arbitrary<Integer> timeKind =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.just(0)), // clock minus lag
            Tuple.of(4, Arbitraries.just(1)), // exactly on a tile boundary
            Tuple.of(1, Arbitraries.just(2)), // very old
            Tuple.of(1, Arbitraries.just(3))); // in the future
    Arbitrary<Long> amount = Arbitraries.longs().between(-1000, 1000).injectNull(0.1);
    Arbitrary<Double> price =
        Arbitraries.integers()
            .between(-100_000, 100_000)
            .map(cents -> cents / 100.0)
            .injectNull(0.1);
    Arbitrary<String> category = Arbitraries.of("a", "b", "c", "d", "e", "f", "g").injectNull(0.15);
    Arbitrary<Long> boundaryUnit = Arbitraries.of(MINUTE_MS, HOUR_MS, DAY_MS);
    return Combinators.combine(clock, lag, timeKind, boundaryUnit, amount, price, category)
        .as(
            (c, l, kind, unit, a, p, cat) -> {
              long time =
                  switch (kind) {
                    case 0 -> c - l;
                    case 1 -> ((c - l) / unit) * unit;
                    case 2 -> c - 400 * DAY_MS - l;
                    default -> c + 20 * DAY_MS + l;
                  };
              return new Draft(c, time, a, p, cat);
            });
  }

  /** A query's position in the stream and how its time is chosen. */
  private record QueryDraft(double position, int mode, long random, int windowPick) {
    Scenario.Query resolve(List<Scenario.Arrival> arrivals) {
      int after = (int) Math.round(position * arrivals.size());
      long anyEvent =
          arrivals.isEmpty()
              ? T0_MS
              : arrivals.get((int) Math.floorMod(random, arrivals.size())).eventTimeMs();
      List<WindowSpec> fixed = TestView.WINDOWS.stream().filter(w -> !w.isLifetime()).toList();
      long windowMs = fixed.get(windowPick % fixed.size()).sizeMs();
      long tMs =
          switch (mode) {
            case 0 -> T0_MS - HOUR_MS + Math.floorMod(random, SPAN_MS + 2 * HOUR_MS);
            case 1 ->
                T0_MS + Math.floorMod(random, 5 * 24 * 60) * MINUTE_MS; // minute, hour or day edge
            case 2 -> anyEvent; // an event exactly at t: excluded
            case 3 -> anyEvent + windowMs; // an event exactly at t - W: included
            default -> anyEvent + 1;
          };
      return new Scenario.Query(after, tMs);
    }
  }

  private static Arbitrary<QueryDraft> queryDraft() {
    return Combinators.combine(
            // half the queries come after the whole stream, when day tiles are built
            Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.doubles().between(0, 1)),
                Tuple.of(1, Arbitraries.just(1.0))),
            Arbitraries.integers().between(0, 4),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 10))
        .as(QueryDraft::new);
  }
}
