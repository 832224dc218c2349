package io.tessera.serving.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedBlocks;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.testing.SameValues;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.storage.sealed.CassandraSealedStore;
import io.tessera.streamcore.read.FollowedLog;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.SealedSpanPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the block cache costs in store queries, and that it never answers other than the store. */
class SealedBlockCacheTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long H = 20_000 * DAY + 5 * HOUR;
  private static final EntityRef ENTITY = new EntityRef("v", "u1");
  private static final SealedBlocks BLOCKS = CassandraSealedStore.blocks(view -> MINUTE);

  /**
   * The store's reads, counted as the Cassandra store would query them (one per block a read
   * spans); a read can be held back until the test lets it complete, or fail.
   */
  private static final class CountingReads implements SealedRowReads {
    final SealedRowReads store;
    final SealedBlocks blocks;
    final List<Runnable> held = new ArrayList<>();
    int queries;
    boolean holding;
    boolean failing;

    CountingReads(SealedRowReads store, SealedBlocks blocks) {
      this.store = store;
      this.blocks = blocks;
    }

    @Override
    public CompletionStage<List<TileRow>> readTiles(
        EntityRef entity, long resolutionMs, long fromMs, long toMs) {
      for (long atMs = fromMs; atMs < toMs; queries++) {
        atMs = blocks.tiles(entity, resolutionMs, atMs).toMs();
      }
      return answer(() -> store.readTiles(entity, resolutionMs, fromMs, toMs));
    }

    @Override
    public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
      for (long atMs = fromMs; atMs < toMs; queries++) {
        atMs = blocks.events(entity, atMs).toMs();
      }
      return answer(() -> store.readEvents(entity, fromMs, toMs));
    }

    private <T> CompletionStage<List<T>> answer(Supplier<CompletionStage<List<T>>> read) {
      if (failing) {
        return CompletableFuture.failedFuture(new IllegalStateException("store down"));
      }
      if (!holding) {
        return read.get();
      }
      CompletableFuture<List<T>> later = new CompletableFuture<>();
      held.add(() -> later.complete(read.get().toCompletableFuture().join()));
      return later;
    }

    int queriesSince(Runnable reads) {
      int before = queries;
      reads.run();
      return queries - before;
    }
  }

  @Test
  void aSecondReadWithTheWindowEdgesMovedByAMinuteCostsNoStoreQuery() {
    // a quiet entity: an event every 97 minutes over four days, requested now and a minute later
    FollowedLog log = FollowedLog.everyGap(97 * MINUTE, 0);
    SealedBlocks blocks = CassandraSealedStore.blocks(view -> MINUTE);
    CountingReads store = new CountingReads(log.store(), blocks);
    SealedBlockCache cache =
        new SealedBlockCache(store, blocks, 1 << 24, new SimpleMeterRegistry());
    FollowerViewReader reader =
        new FollowerViewReader(
            FollowedLog.SPEC,
            // lifetime windows start at a fixed instant, as serving's (its lifetime-from)
            new SealedSpanPlanner(
                new Tiling(FollowedLog.SPEC.resolutions()), FollowedLog.T0 - 400 * DAY),
            SealedWindowCache.NONE);
    long tMs = log.follower().durable(FollowedLog.VIEW).sealedBeforeMs() + 30_000;

    int[] uncached = new int[2];
    int[] cached = new int[2];
    for (int i = 0; i < 2; i++) {
      long at = tMs + i * MINUTE;
      ViewValues[] values = new ViewValues[2];
      // straight to the store: what every request whose edges moved cost before (a range miss)
      uncached[i] = store.queriesSince(() -> values[0] = read(reader, store, log, at));
      cached[i] = store.queriesSince(() -> values[1] = read(reader, cache, log, at));
      SameValues.assertSameValues(FollowedLog.SPEC, values[0], values[1]);
    }

    System.out.printf(
        "store queries of a quiet entity, uncached %s, through the block cache %s%n",
        java.util.Arrays.toString(uncached), java.util.Arrays.toString(cached));
    assertThat(cached[0]).as("a cold read: a query per block").isLessThanOrEqualTo(uncached[0]);
    assertThat(uncached[1]).as("every moved edge is another range").isPositive();
    assertThat(cached[1]).as("the same blocks, all held").isZero();
  }

  @Test
  void aColdEntityCostsOneQueryPerBlockAndNothingAfterwards() {
    InMemorySealedStore rows = new InMemorySealedStore();
    writeRow(rows, H + 7 * MINUTE, H + 7 * MINUTE + 5);
    writeRow(rows, H + 2 * HOUR + 30 * MINUTE, H + 2 * HOUR + 30 * MINUTE + 9);
    rows.writeTiles(ENTITY, List.of(tile(HOUR, H), tile(HOUR, H + 2 * HOUR)));
    CountingReads store = new CountingReads(rows, BLOCKS);
    SealedBlockCache cache =
        new SealedBlockCache(store, BLOCKS, 1 << 20, new SimpleMeterRegistry());
    Runnable reads =
        () -> {
          join(cache.readEvents(ENTITY, H + 7 * MINUTE, H + 8 * MINUTE)); // the old edge's minute
          join(cache.readTiles(ENTITY, MINUTE, H + 8 * MINUTE, H + HOUR)); // its minutes
          join(cache.readTiles(ENTITY, HOUR, H + HOUR, H + 3 * HOUR)); // hours
          join(cache.readTiles(ENTITY, MINUTE, H + 3 * HOUR, H + 5 * HOUR + 7 * MINUTE)); // to D
        };

    assertThat(store.queriesSince(reads)).as("1 + 1 + 1 + 3 blocks").isEqualTo(6);
    assertThat(store.queriesSince(reads)).isZero();
    assertThat(join(cache.readTiles(ENTITY, HOUR, H, H + 3 * HOUR)))
        .isEqualTo(join(rows.readTiles(ENTITY, HOUR, H, H + 3 * HOUR)));
  }

  @Test
  void theEdgeMinuteOfARowlessSpanIsAnsweredByTheHeldTiles() {
    InMemorySealedStore rows = new InMemorySealedStore();
    writeRow(rows, H + 7 * MINUTE, H + 7 * MINUTE + 5);
    CountingReads store = new CountingReads(rows, BLOCKS);
    SealedBlockCache cache =
        new SealedBlockCache(store, BLOCKS, 1 << 20, new SimpleMeterRegistry());
    join(cache.readTiles(ENTITY, MINUTE, H, H + HOUR));

    assertThat(
            store.queriesSince(
                () -> join(cache.readEvents(ENTITY, H + 30 * MINUTE, H + 31 * MINUTE))))
        .isZero();
    assertThat(join(cache.readEvents(ENTITY, H + 30 * MINUTE, H + 31 * MINUTE))).isEmpty();
    assertThat(
            store.queriesSince(
                () ->
                    assertThat(join(cache.readEvents(ENTITY, H + 7 * MINUTE, H + 8 * MINUTE)))
                        .isEqualTo(join(rows.readEvents(ENTITY, H + 7 * MINUTE, H + 8 * MINUTE)))))
        .as("a row the tiles show is read")
        .isEqualTo(1);
  }

  @Test
  void eventsPastWhatTheHeldTilesCoverAreReadFromTheStore() {
    InMemorySealedStore rows = new InMemorySealedStore();
    CountingReads store = new CountingReads(rows, BLOCKS);
    SealedBlockCache cache =
        new SealedBlockCache(store, BLOCKS, 1 << 20, new SimpleMeterRegistry());
    join(cache.readTiles(ENTITY, MINUTE, H, H + 10 * MINUTE)); // D was H + 10 min
    writeRow(rows, H + 15 * MINUTE, H + 15 * MINUTE + 1); // sealed since

    assertThat(join(cache.readEvents(ENTITY, H + 5 * MINUTE, H + 16 * MINUTE)))
        .isEqualTo(join(rows.readEvents(ENTITY, H + 5 * MINUTE, H + 16 * MINUTE)))
        .hasSize(1);
  }

  @Test
  void concurrentMissesOfOneBlockKeepEveryRowOnce() {
    InMemorySealedStore rows = new InMemorySealedStore();
    for (int minute = 0; minute < 50; minute += 3) {
      writeRow(rows, H + minute * MINUTE, H + minute * MINUTE + minute);
    }
    CountingReads store = new CountingReads(rows, BLOCKS);
    SealedBlockCache cache =
        new SealedBlockCache(store, BLOCKS, 1 << 20, new SimpleMeterRegistry());
    store.holding = true;
    var first = cache.readTiles(ENTITY, MINUTE, H + 5 * MINUTE, H + 20 * MINUTE);
    var second = cache.readTiles(ENTITY, MINUTE, H + 10 * MINUTE, H + 40 * MINUTE);
    var events = cache.readEvents(ENTITY, H + 3 * MINUTE, H + 4 * MINUTE);
    var moreEvents = cache.readEvents(ENTITY, H + 3 * MINUTE, H + 30 * MINUTE);
    // they complete in the opposite order
    for (int i = store.held.size() - 1; i >= 0; i--) {
      store.held.get(i).run();
    }
    store.holding = false;

    assertThat(join(first))
        .isEqualTo(join(rows.readTiles(ENTITY, MINUTE, H + 5 * MINUTE, H + 20 * MINUTE)));
    assertThat(join(second))
        .isEqualTo(join(rows.readTiles(ENTITY, MINUTE, H + 10 * MINUTE, H + 40 * MINUTE)));
    assertThat(join(events))
        .isEqualTo(join(rows.readEvents(ENTITY, H + 3 * MINUTE, H + 4 * MINUTE)));
    assertThat(join(moreEvents))
        .isEqualTo(join(rows.readEvents(ENTITY, H + 3 * MINUTE, H + 30 * MINUTE)));
    int[] queries = new int[1];
    queries[0] =
        store.queriesSince(
            () -> {
              assertThat(join(cache.readTiles(ENTITY, MINUTE, H, H + 40 * MINUTE)))
                  .isEqualTo(join(rows.readTiles(ENTITY, MINUTE, H, H + 40 * MINUTE)));
              assertThat(join(cache.readEvents(ENTITY, H + 3 * MINUTE, H + 30 * MINUTE)))
                  .isEqualTo(join(rows.readEvents(ENTITY, H + 3 * MINUTE, H + 30 * MINUTE)));
            });
    assertThat(queries[0]).as("the entries valid furthest stayed").isZero();
  }

  @Test
  void aFailedReadIsNotCached() {
    InMemorySealedStore rows = new InMemorySealedStore();
    writeRow(rows, H, H + 1);
    CountingReads store = new CountingReads(rows, BLOCKS);
    SealedBlockCache cache =
        new SealedBlockCache(store, BLOCKS, 1 << 20, new SimpleMeterRegistry());
    store.failing = true;

    assertThatThrownBy(() -> join(cache.readTiles(ENTITY, MINUTE, H, H + MINUTE)))
        .hasRootCauseMessage("store down");
    store.failing = false;

    assertThat(join(cache.readTiles(ENTITY, MINUTE, H, H + MINUTE))).hasSize(1);
  }

  @Test
  void lookUpsAreMeteredAsSealedBlocks() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SealedBlockCache cache =
        new SealedBlockCache(new InMemorySealedStore(), BLOCKS, 1 << 20, meters);

    join(cache.readTiles(ENTITY, MINUTE, H, H + 10 * MINUTE));
    join(cache.readTiles(ENTITY, MINUTE, H + MINUTE, H + 10 * MINUTE));
    join(cache.readTiles(ENTITY, MINUTE, H + MINUTE, H + 11 * MINUTE)); // grows: a query

    assertThat(gets(meters, "hit")).isEqualTo(1);
    assertThat(gets(meters, "miss")).isEqualTo(2);
  }

  @Test
  void aReadOverMoreBlocksThanTheStoreAllowsGoesToItAsItIs() {
    CountingReads store = new CountingReads(new InMemorySealedStore(), BLOCKS);
    SealedBlockCache cache =
        new SealedBlockCache(store, BLOCKS, 1 << 20, new SimpleMeterRegistry());

    join(cache.readTiles(ENTITY, MINUTE, H, H + 50 * DAY));
    join(cache.readTiles(ENTITY, MINUTE, H, H + 50 * DAY));

    assertThat(store.queries).as("1,200 hour blocks, twice, none held").isEqualTo(2 * 1_200);
  }

  private static double gets(SimpleMeterRegistry meters, String result) {
    return meters
        .get("cache.gets")
        .tag("cache", "sealed-blocks")
        .tag("result", result)
        .functionCounter()
        .count();
  }

  private static ViewValues read(
      FollowerViewReader reader, SealedRowReads store, FollowedLog log, long tMs) {
    return join(reader.read(store, log.follower(), FollowedLog.VIEW, FollowedLog.ENTITY, tMs));
  }

  private static void writeRow(InMemorySealedStore store, long startMs, long eventTimeMs) {
    Event event = new Event("u1", eventTimeMs, "e" + eventTimeMs, Event.SEALED, Map.of());
    store.writeMinutes(
        List.of(new SealedMinute(ENTITY, tile(MINUTE, startMs, eventTimeMs), List.of(event))));
  }

  private static TileRow tile(long resolutionMs, long startMs) {
    return tile(resolutionMs, startMs, startMs);
  }

  private static TileRow tile(long resolutionMs, long startMs, long newestMs) {
    return new TileRow(new TileKey(resolutionMs, startMs), newestMs, new byte[] {1, 2, 3});
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
