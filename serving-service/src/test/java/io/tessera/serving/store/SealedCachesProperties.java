package io.tessera.serving.store;

import static io.tessera.engine.testing.SameValues.assertSameValues;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.engine.plan.AsyncViewReader;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.StreamSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Serving's caches together (merged sealed windows over sealed tiles and edge minutes, as {@code
 * StoreConfiguration} wires them) answer exactly what reading the store directly answers, for
 * random streams (late, duplicated and out-of-order events, compactions and seals between queries)
 * and random request times; with bounds small enough that entries are evicted and read again.
 */
class SealedCachesProperties {

  @Provide
  Arbitrary<Scenario> streams() {
    // at most 60 events: approx_percentile stays exact (64 values), so merge order cannot hide a
    // difference behind the digest's error
    return ScenarioArbitraries.scenarios(60);
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void cachedReadsEqualDirectReads(@ForAll("streams") Scenario scenario) {
    StreamSimulator stream = new StreamSimulator(scenario, new InMemoryTileStore());
    AsyncViewReader reader = new AsyncViewReader(stream.view());
    AsyncTileReads direct = AsyncTileReads.of(stream.store());
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    long finestMs = scenario.resolutions().finestMs();
    AsyncTileReads cachedTiles = new SealedTileCache(direct, view -> finestMs, 64 * 1024, meters);
    SealedWindowCache windows = new SealedWindowIrCache(16 * 1024, Duration.ofMinutes(3), meters);

    List<Scenario.Query> queries = new ArrayList<>(scenario.queries());
    queries.sort((a, b) -> Integer.compare(a.afterArrivals(), b.afterArrivals()));
    int arrived = 0;
    for (Scenario.Query query : queries) {
      for (; arrived < Math.min(query.afterArrivals(), scenario.arrivals().size()); arrived++) {
        stream.arrive(arrived);
      }
      stream.compact();
      for (long tMs : List.of(query.tMs(), query.tMs() + 59_999, query.tMs() + 7_200_000)) {
        ViewValues expected = read(reader, direct, SealedWindowCache.NONE, tMs);
        for (int repeat = 0; repeat < 2; repeat++) {
          assertSameValues(stream.view(), expected, read(reader, cachedTiles, windows, tMs));
        }
      }
    }
    double hits =
        meters
            .get("cache.gets")
            .tag("cache", "sealed-windows")
            .tag("result", "hit")
            .functionCounter()
            .count();
    Statistics.label("merged windows served from the cache")
        .collect(hits > 0)
        .coverage(checker -> checker.check(true).percentage(percent -> percent >= 50));
  }

  private static ViewValues read(
      AsyncViewReader reader, AsyncTileReads store, SealedWindowCache windows, long tMs) {
    return reader.read(store, windows, StreamSimulator.ENTITY, tMs).toCompletableFuture().join();
  }
}
