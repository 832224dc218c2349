package io.tessera.engine.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Merge laws of every function, checked against the oracle: splitting events into parts, adding
 * each part to its own IR and merging the parts in any order and grouping (associativity,
 * commutativity) gives the value of one IR over all events; and every IR survives an encoding round
 * trip with identical bytes.
 */
class FunctionProperties {
  private static final ViewSpec VIEW = TestView.allFunctions(TileResolutions.DEFAULT);
  private static final ViewAggregator AGGREGATOR = new ViewAggregator(VIEW);

  record Batch(List<Event> events, int parts, long shuffleSeed) {}

  @Provide
  Arbitrary<Batch> smallBatches() {
    return batches(60);
  }

  /** Large enough for the HLL to leave its exact modes and the percentile to use its digest. */
  @Provide
  Arbitrary<Batch> largeBatches() {
    return batches(3000);
  }

  private static Arbitrary<Batch> batches(int maxEvents) {
    Arbitrary<Event> event =
        Combinators.combine(
                Arbitraries.longs().between(0, 10_000),
                Arbitraries.longs().between(-1_000_000, 1_000_000).injectNull(0.1),
                Arbitraries.doubles().between(-1e6, 1e6).injectNull(0.1),
                Arbitraries.integers().between(0, 5000).map(i -> "v" + i).injectNull(0.1))
            .as(
                (time, amount, price, category) -> {
                  Map<String, Object> values = new HashMap<>();
                  values.put(TestView.LONG_COLUMN, amount);
                  values.put(TestView.DOUBLE_COLUMN, price);
                  values.put(TestView.STRING_COLUMN, category);
                  return new Event("k", time, "id", 0, values);
                });
    return Combinators.combine(
            event.list().ofMaxSize(maxEvents),
            Arbitraries.integers().between(1, 8),
            Arbitraries.longs())
        .as(
            (events, parts, seed) -> {
              List<Event> unique = new ArrayList<>();
              for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                unique.add(
                    new Event("k", e.eventTimeMs(), String.format("e%05d", i), i, e.values()));
              }
              return new Batch(unique, parts, seed);
            });
  }

  @Property(tries = 1500)
  void mergingPartsInAnyOrderEqualsTheOracle(@ForAll("smallBatches") Batch batch) {
    checkMergeLaws(batch);
  }

  @Property(tries = 60)
  void mergingLargePartsStaysWithinTheSketchBounds(@ForAll("largeBatches") Batch batch) {
    checkMergeLaws(batch);
  }

  private static void checkMergeLaws(Batch batch) {
    Random random = new Random(batch.shuffleSeed());
    List<Event> shuffled = new ArrayList<>(batch.events());
    Collections.shuffle(shuffled, random);
    List<Ir[]> parts = new ArrayList<>();
    for (int p = 0; p < batch.parts(); p++) {
      parts.add(AGGREGATOR.init());
    }
    for (Event event : shuffled) {
      AGGREGATOR.add(parts.get(random.nextInt(parts.size())), event);
    }
    // merge in a random order and a random tree shape
    while (parts.size() > 1) {
      Ir[] a = parts.remove(random.nextInt(parts.size()));
      Ir[] b = parts.remove(random.nextInt(parts.size()));
      Ir[] into = AGGREGATOR.init();
      boolean swap = random.nextBoolean();
      AGGREGATOR.merge(into, swap ? b : a);
      AGGREGATOR.merge(into, swap ? a : b);
      parts.add(random.nextInt(parts.size() + 1), roundTrip(into));
    }
    Ir[] merged = parts.get(0);
    List<Event> sorted = Oracle.inWindow(batch.events(), Long.MIN_VALUE, Long.MAX_VALUE);
    for (int i = 0; i < VIEW.features().size(); i++) {
      FeatureSpec feature = VIEW.features().get(i);
      Object expected = Oracle.expected(feature, sorted);
      Object actual = AGGREGATOR.finish(i, merged[i]);
      assertThat(ValueMatcher.mismatch(feature, expected, actual)).as(feature.name()).isNull();
    }
  }

  /** Encodes and decodes every IR, checking that re-encoding gives the same bytes. */
  private static Ir[] roundTrip(Ir[] states) {
    Ir[] decoded = new Ir[states.length];
    for (int i = 0; i < states.length; i++) {
      FeatureAggregator<?> aggregator = AGGREGATOR.aggregator(i);
      byte[] bytes = aggregator.encode(states[i]);
      decoded[i] = aggregator.decode(bytes);
      if (aggregator.function() instanceof ApproxCountDistinct) {
        // an HLL's compact bytes list its coupons in insertion order, which heapify may change:
        // the content must survive; canonical order (SealedTileProperties) fixes the bytes
        assertThat(aggregator.finish(decoded[i])).isEqualTo(aggregator.finish(states[i]));
      } else {
        assertThat(aggregator.encode(decoded[i])).isEqualTo(bytes);
      }
      assertThat(decoded[i].newestEventTimeMs()).isEqualTo(states[i].newestEventTimeMs());
    }
    return decoded;
  }

  @Property(tries = 500)
  void mergeIsCommutativeForTheExactFunctions(@ForAll("smallBatches") Batch batch) {
    List<Event> events = batch.events();
    int cut = events.size() / 2;
    Ir[] a = AGGREGATOR.init();
    Ir[] b = AGGREGATOR.init();
    events.subList(0, cut).forEach(e -> AGGREGATOR.add(a, e));
    events.subList(cut, events.size()).forEach(e -> AGGREGATOR.add(b, e));
    Ir[] ab = AGGREGATOR.init();
    AGGREGATOR.merge(ab, a);
    AGGREGATOR.merge(ab, b);
    Ir[] ba = AGGREGATOR.init();
    AGGREGATOR.merge(ba, b);
    AGGREGATOR.merge(ba, a);
    for (int i = 0; i < VIEW.features().size(); i++) {
      AggregationKind kind = VIEW.features().get(i).kind();
      Object x = AGGREGATOR.finish(i, ab[i]);
      Object y = AGGREGATOR.finish(i, ba[i]);
      if (x instanceof Double dx && y instanceof Double dy) {
        assertThat(Math.abs(dx - dy))
            .as(kind.jsonName())
            .isLessThanOrEqualTo(1e-9 * Math.abs(dx) + 1e-9);
      } else if (kind != AggregationKind.APPROX_PERCENTILE) {
        assertThat(x).as(kind.jsonName()).isEqualTo(y);
      }
    }
  }

  @Property(tries = 300)
  void canonicalOrderGivesIdenticalBytes(@ForAll("smallBatches") Batch batch) {
    List<Event> canonical = Oracle.inWindow(batch.events(), Long.MIN_VALUE, Long.MAX_VALUE);
    Ir[] first = AGGREGATOR.init();
    Ir[] second = AGGREGATOR.init();
    canonical.forEach(e -> AGGREGATOR.add(first, e));
    canonical.forEach(e -> AGGREGATOR.add(second, e));
    for (int i = 0; i < first.length; i++) {
      assertThat(AGGREGATOR.aggregator(i).encode(first[i]))
          .isEqualTo(AGGREGATOR.aggregator(i).encode(second[i]));
    }
    assertThat(Arrays.asList(first)).hasSize(VIEW.features().size());
  }
}
