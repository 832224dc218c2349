package io.tessera.engine.plan;

import static io.tessera.engine.testing.SameValues.assertSameValues;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.ir.Ir;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.StreamSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Reading through a sealed-window cache gives the values of reading every tile: on a miss, on the
 * hit right after it, and on later reads after more events, compactions and seals, with one cache
 * kept for the whole stream (so a stale entry would show).
 */
class SealedWindowCacheProperties {

  @Provide
  Arbitrary<Scenario> streams() {
    // at most 60 events: approx_percentile stays exact (DigestIr keeps 64 values), so merge order
    // cannot blur a difference
    return ScenarioArbitraries.scenarios(60);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  @StatisticsReport(format = Histogram.class)
  void cachedReadsEqualUncachedReadsAtEveryQuery(@ForAll("streams") Scenario scenario) {
    StreamSimulator stream = new StreamSimulator(scenario, new InMemoryTileStore());
    AsyncViewReader reader = new AsyncViewReader(stream.view());
    AsyncTileReads store = AsyncTileReads.of(stream.store());
    CountingCache cache = new CountingCache();
    int arrived = 0;
    List<Scenario.Query> queries = new ArrayList<>(scenario.queries());
    queries.sort((a, b) -> Integer.compare(a.afterArrivals(), b.afterArrivals()));
    for (Scenario.Query query : queries) {
      for (; arrived < Math.min(query.afterArrivals(), scenario.arrivals().size()); arrived++) {
        stream.arrive(arrived);
      }
      stream.compact(); // seal as far as the clock allows, so the queries meet sealed tiles
      for (long tMs : List.of(query.tMs(), query.tMs() + 61_000, query.tMs() + 3_600_000)) {
        ViewValues uncached = read(reader, store, SealedWindowCache.NONE, tMs);
        ViewValues miss = read(reader, store, cache, tMs);
        ViewValues hit = read(reader, store, cache, tMs);
        assertSameValues(stream.view(), uncached, miss);
        assertSameValues(stream.view(), uncached, hit);
      }
    }
    assertThat(cache.puts).as("a hit never recomputes").isLessThanOrEqualTo(cache.misses);
    Statistics.label("served from the cache").collect(cache.hits > 0);
    Statistics.label("served from the cache")
        .coverage(checker -> checker.check(true).percentage(percent -> percent >= 50));
  }

  private static ViewValues read(
      AsyncViewReader reader, AsyncTileReads store, SealedWindowCache cache, long tMs) {
    return reader.read(store, cache, StreamSimulator.ENTITY, tMs).toCompletableFuture().join();
  }

  /** A plain map: the engine's contract, without the bounds a service adds. */
  private static final class CountingCache implements SealedWindowCache {
    private final Map<Key, Ir[]> entries = new ConcurrentHashMap<>();
    int misses;
    int hits;
    int puts;

    @Override
    public Ir[] get(Key key) {
      Ir[] states = entries.get(key);
      if (states == null) {
        misses++;
      } else {
        hits++;
      }
      return states;
    }

    @Override
    public void put(Key key, Ir[] states) {
      puts++;
      entries.put(key, states);
    }
  }
}
