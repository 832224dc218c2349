package io.tessera.serving.store;

import static io.tessera.engine.testing.SameValues.assertSameValues;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.SealedBlocks;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.Tiling;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.streamcore.read.FollowedLog;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.SealedSpanPlanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Serving's caches together, as {@code FollowerConfiguration} wires them (merged sealed windows in
 * front of the sealed-block cache in front of the store), answer exactly what reading the store
 * directly answers: for random events over four days sealed by an owner, a follower that has not
 * read the newest markers yet, and request times before, around and after its durable seal point,
 * each asked twice (a miss, then a hit); with bounds small enough that entries are evicted and read
 * again.
 */
class SealedCachesProperties {
  private static final long MINUTE = FollowedLog.MINUTE;
  private static final long DAY = FollowedLog.DAY;
  private static final SealedBlocks BLOCKS =
      CassandraSealedStore.blocks(view -> FollowedLog.SPEC.resolutions().finestMs());

  @Provide
  Arbitrary<List<Long>> eventTimes() {
    // at most 60 events: approx_percentile stays exact (64 values), so merge order cannot hide a
    // difference behind the digest's error
    return Arbitraries.longs()
        .between(FollowedLog.T0, FollowedLog.END - 1)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60)
        .map(times -> times.stream().distinct().sorted().toList());
  }

  /** Where requests fall, as a share of the span from the first event's day to the seal point. */
  @Provide
  Arbitrary<List<Double>> requestShares() {
    return Arbitraries.doubles().between(-0.1, 1.3).list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  void cachedReadsEqualDirectReads(
      @ForAll("eventTimes") List<Long> eventTimes,
      @ForAll("requestShares") List<Double> requestShares,
      @ForAll @IntRange(min = 0, max = 3) int unreadMarkers) {
    FollowedLog log = FollowedLog.of(eventTimes, unreadMarkers);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SealedSpanPlanner planner = new SealedSpanPlanner(new Tiling(FollowedLog.SPEC.resolutions()));
    FollowerViewReader direct =
        new FollowerViewReader(FollowedLog.SPEC, planner, SealedWindowCache.NONE);
    FollowerViewReader cached =
        new FollowerViewReader(
            FollowedLog.SPEC,
            planner,
            new SealedWindowIrCache(256 * 1024, Duration.ofMinutes(3), meters));
    SealedRowReads ranges = new SealedBlockCache(log.store(), BLOCKS, 64 * 1024, meters);
    long durableMs = log.follower().durable(FollowedLog.VIEW).sealedBeforeMs();
    long spanMs = Math.max(durableMs, FollowedLog.T0 + DAY) - FollowedLog.T0;
    List<Long> times = new ArrayList<>();
    requestShares.forEach(share -> times.add(FollowedLog.T0 + (long) (share * spanMs)));
    if (durableMs > FollowedLog.T0) {
      times.addAll(List.of(durableMs - 1, durableMs, durableMs + 1, durableMs + 7 * MINUTE));
    }

    for (long tMs : times) {
      ViewValues expected = read(direct, log.store(), log, tMs);
      for (int repeat = 0; repeat < 2; repeat++) {
        assertSameValues(FollowedLog.SPEC, expected, read(cached, ranges, log, tMs));
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
      FollowerViewReader reader, SealedRowReads store, FollowedLog log, long tMs) {
    return reader
        .read(store, log.follower(), FollowedLog.VIEW, FollowedLog.ENTITY, tMs)
        .toCompletableFuture()
        .join();
  }
}
