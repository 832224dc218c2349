package io.tessera.serving.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedBlocks;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.storage.sealed.CassandraSealedStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The block cache answers every read exactly as the store it fronts, the reference {@link
 * InMemorySealedStore}: random sealed rows and coarse tiles of a few entities, written as the seal
 * point {@code D} advances (rows up to {@code D}, coarse tiles as they are built, somewhat later),
 * and random sequences of reads of any kind and range a follower may ask (ending at or before
 * {@code D}, coarse tiles at or before where they are built), repeated, crossing blocks, from
 * tilings whose tiles straddle the blocks, through blocks as small as a few tiles and caches small
 * enough to evict. A cache that held anything past what a read proved final would miss rows the
 * store wrote later.
 */
class SealedBlockCacheProperties {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long T0 = 20_000 * DAY;
  private static final long END = T0 + 3 * DAY;

  /** Tilings, coarsest first: the default; 7-minute rows straddling hours; rows longer than one. */
  private static final List<List<Long>> TILINGS =
      List.of(
          List.of(DAY, HOUR, MINUTE),
          List.of(7 * 7 * MINUTE, 7 * MINUTE),
          List.of(3 * HOUR, 90 * MINUTE));

  private static final List<String> VIEWS = List.of("a", "b");

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void readsThroughTheCacheEqualReadsOfTheStore(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 2) int tilingA,
      @ForAll @IntRange(min = 0, max = 2) int tilingB,
      @ForAll boolean smallBlocks,
      @ForAll boolean smallCache) {
    Random random = new Random(seed);
    Map<String, List<Long>> tilings = Map.of("a", TILINGS.get(tilingA), "b", TILINGS.get(tilingB));
    SealedBlocks blocks =
        smallBlocks
            ? new SealedBlocks(view -> finest(tilings.get(view)), 10 * MINUTE, 3)
            : CassandraSealedStore.blocks(view -> finest(tilings.get(view)));
    InMemorySealedStore store = new InMemorySealedStore();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SealedBlockCache cache =
        new SealedBlockCache(store, blocks, smallCache ? 4 * 1024 : 1 << 24, meters);

    List<EntityRef> entities = new ArrayList<>();
    List<History> histories = new ArrayList<>();
    for (String view : VIEWS) {
      for (String key : List.of("u1", "u2")) {
        EntityRef entity = new EntityRef(view, key);
        entities.add(entity);
        histories.add(History.random(entity, tilings.get(view), random));
      }
    }
    Map<Long, Long> lagByResolution = new HashMap<>();
    for (List<Long> tiling : TILINGS) {
      tiling.forEach(res -> lagByResolution.put(res, (long) random.nextInt(3) * res));
    }

    long durableMs = T0 + random.nextInt(12) * HOUR;
    int pick = 0;
    for (int step = 0; step < 200 && durableMs < END; step++) {
      for (History history : histories) {
        history.writeThrough(store, durableMs, lagByResolution);
      }
      if (random.nextInt(6) == 0) {
        durableMs +=
            (1 + random.nextInt(random.nextBoolean() ? 5 : 40))
                * MINUTE
                * (random.nextInt(8) == 0 ? 30 : 1);
        continue;
      }
      if (random.nextInt(4) == 0) { // requests come in bursts per entity, as a request's reads do
        pick = random.nextInt(entities.size());
      }
      EntityRef entity = entities.get(pick);
      History history = histories.get(pick);
      List<Long> tiling = history.tiling();
      // raw events (kind tiling.size()) half the time: their entries lean on the finest tiles'
      int kind = random.nextBoolean() ? tiling.size() : random.nextInt(tiling.size());
      long finestMs = finest(tiling);
      // the store is asked only before D: rows up to the finest tile of D (D is one of its ends)
      long readableMs = Tiling.floor(durableMs, finestMs);
      if (kind < tiling.size() - 1) {
        long resolutionMs = tiling.get(kind);
        readableMs = Math.min(readableMs, builtThroughMs(resolutionMs, durableMs, lagByResolution));
      }
      long toMs =
          switch (random.nextInt(3)) {
            case 0 -> readableMs; // the part up to the seal point, which grows as D advances
            case 1 -> readableMs - random.nextInt(3) * finestMs;
            default -> readableMs - random.nextLong(0, HOUR);
          };
      long widthMs =
          random.nextInt(4) == 0 ? random.nextLong(1, 2 * DAY) : random.nextLong(1, HOUR);
      long fromMs = toMs - widthMs;
      if (random.nextBoolean()) { // tile-aligned, as the planner asks
        fromMs = Tiling.floor(fromMs, finestMs);
        toMs = Tiling.floor(toMs, finestMs);
      }
      for (int repeat = 0; repeat < 2; repeat++) {
        if (kind == tiling.size()) {
          assertThat(cache.readEvents(entity, fromMs, toMs).toCompletableFuture().join())
              .as("events of %s in [%d, %d), D %d", entity, fromMs, toMs, durableMs)
              .isEqualTo(store.readEvents(entity, fromMs, toMs).toCompletableFuture().join());
        } else {
          long resolutionMs = tiling.get(kind);
          assertThat(
                  cache.readTiles(entity, resolutionMs, fromMs, toMs).toCompletableFuture().join())
              .as("tiles %d of %s in [%d, %d), D %d", resolutionMs, entity, fromMs, toMs, durableMs)
              .isEqualTo(
                  store.readTiles(entity, resolutionMs, fromMs, toMs).toCompletableFuture().join());
        }
      }
    }
    double hits =
        meters
            .get("cache.gets")
            .tag("cache", "sealed-blocks")
            .tag("result", "hit")
            .functionCounter()
            .count();
    Statistics.label("reads answered from held blocks")
        .collect(hits > 0)
        .coverage(checker -> checker.check(true).percentage(percent -> percent >= 80));
  }

  /** Coarse tiles are built some time after the seal point passed them, as roll-ups are. */
  private static long builtThroughMs(long resolutionMs, long durableMs, Map<Long, Long> lag) {
    return Tiling.floor(durableMs - lag.get(resolutionMs), resolutionMs);
  }

  private static long finest(List<Long> tiling) {
    return tiling.get(tiling.size() - 1);
  }

  /** One entity's sealed history, written to the store as the seal point passes it. */
  private record History(
      EntityRef entity,
      List<Long> tiling,
      List<SealedMinute> rows,
      Map<Long, List<TileRow>> coarse,
      int[] written) {

    static History random(EntityRef entity, List<Long> tiling, Random random) {
      long finestMs = finest(tiling);
      double active = random.nextDouble() * 0.3;
      List<SealedMinute> rows = new ArrayList<>();
      Map<Long, List<TileRow>> coarse = new HashMap<>();
      for (long startMs = T0 - DAY; startMs < END; startMs += finestMs) {
        if (random.nextDouble() >= active) {
          continue;
        }
        List<Event> events = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
          // a repeated time now and then: canonical order then goes by id
          long timeMs = startMs + (random.nextInt(4) == 0 ? 0 : random.nextLong(finestMs));
          events.add(
              new Event(
                  entity.entityKey(), timeMs, "e" + timeMs + "-" + i, Event.SEALED, Map.of()));
        }
        long newestMs = events.stream().mapToLong(Event::eventTimeMs).max().orElseThrow();
        rows.add(new SealedMinute(entity, tile(finestMs, startMs, newestMs, random), events));
        for (long resolutionMs : tiling.subList(0, tiling.size() - 1)) {
          List<TileRow> tiles = coarse.computeIfAbsent(resolutionMs, res -> new ArrayList<>());
          long coarseStartMs = Tiling.floor(startMs, resolutionMs);
          if (tiles.isEmpty() || tiles.get(tiles.size() - 1).key().startMs() != coarseStartMs) {
            tiles.add(tile(resolutionMs, coarseStartMs, newestMs, random));
          }
        }
      }
      return new History(entity, tiling, rows, coarse, new int[1]);
    }

    private static TileRow tile(long resolutionMs, long startMs, long newestMs, Random random) {
      byte[] payload = new byte[1 + random.nextInt(16)];
      random.nextBytes(payload);
      return new TileRow(new TileKey(resolutionMs, startMs), newestMs, payload);
    }

    /** Rows ending at or before {@code durableMs}; coarse tiles once {@code lag} has passed too. */
    void writeThrough(InMemorySealedStore store, long durableMs, Map<Long, Long> lag) {
      long finestMs = finest(tiling);
      List<SealedMinute> sealed = new ArrayList<>();
      while (written[0] < rows.size()
          && rows.get(written[0]).tile().key().startMs() + finestMs <= durableMs) {
        sealed.add(rows.get(written[0]++));
      }
      store.writeMinutes(sealed);
      coarse.forEach(
          (resolutionMs, tiles) -> {
            long builtMs = builtThroughMs(resolutionMs, durableMs, lag);
            store.writeTiles(
                entity,
                tiles.stream()
                    .filter(tile -> tile.key().startMs() + resolutionMs <= builtMs)
                    .toList());
          });
    }
  }
}
