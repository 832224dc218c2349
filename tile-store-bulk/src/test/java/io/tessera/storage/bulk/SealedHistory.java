package io.tessera.storage.bulk;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedWrites;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Random sealed data of one lineage, the same for every storage name given the same seed: minutes
 * over two days and hour boundaries (one hot minute of several event chunks), hour and day tiles,
 * and the manifests naming them (one long enough for several chunks). Stores never decode tile
 * payloads, so they are random bytes.
 */
record SealedHistory(
    String storageName,
    List<SealedMinute> minutes,
    Map<EntityRef, List<TileRow>> tiles,
    List<SealedManifest> manifests) {

  static final String TOPIC = "normalized";
  static final int PARTITIONS = 3;
  static final long MINUTE_MS = 60_000L;
  static final long HOUR_MS = 3_600_000L;
  static final long DAY_MS = 86_400_000L;
  static final long SPAN_MS = 2 * DAY_MS;
  private static final Comparator<TileKey> TILE_ORDER =
      Comparator.comparingLong(TileKey::resolutionMs).thenComparingLong(TileKey::startMs);

  static SealedHistory random(long seed, String storageName, int entities) {
    Random random = new Random(seed);
    List<SealedMinute> minutes = new ArrayList<>();
    Map<EntityRef, List<TileRow>> tiles = new LinkedHashMap<>();
    // per (partition, resolution, start): the entities with a tile there
    Map<Integer, Map<TileKey, SortedSet<String>>> named = new TreeMap<>();
    for (int e = 0; e < entities; e++) {
      String key = "user-%04d".formatted(e);
      EntityRef entity = new EntityRef(storageName, key);
      int partition = e % PARTITIONS;
      SortedSet<Long> starts = new TreeSet<>();
      int count = 1 + random.nextInt(12);
      for (int i = 0; i < count; i++) {
        starts.add(Math.floorDiv(random.nextLong(SPAN_MS), MINUTE_MS) * MINUTE_MS);
      }
      SortedSet<Long> hours = new TreeSet<>();
      SortedSet<Long> days = new TreeSet<>();
      for (long startMs : starts) {
        int events = e == 0 && startMs == starts.first() ? 20_000 : 1 + random.nextInt(5);
        List<Event> rows = new ArrayList<>();
        for (int i = 0; i < events; i++) {
          Map<String, Object> values = new HashMap<>();
          values.put("amount", random.nextLong(10_000));
          values.put("score", random.nextDouble());
          values.put("category", "c" + random.nextInt(7));
          values.put("missing", null);
          rows.add(
              new Event(
                  key,
                  startMs + random.nextLong(MINUTE_MS),
                  "evt-%d-%d".formatted(startMs, i),
                  Event.SEALED,
                  values));
        }
        minutes.add(new SealedMinute(entity, tile(random, MINUTE_MS, startMs), rows));
        name(named, partition, new TileKey(MINUTE_MS, startMs), key);
        hours.add(Math.floorDiv(startMs, HOUR_MS) * HOUR_MS);
        days.add(Math.floorDiv(startMs, DAY_MS) * DAY_MS);
      }
      List<TileRow> coarse = new ArrayList<>();
      for (long hour : hours) {
        coarse.add(tile(random, HOUR_MS, hour));
        name(named, partition, new TileKey(HOUR_MS, hour), key);
      }
      for (long day : days) {
        coarse.add(tile(random, DAY_MS, day));
        name(named, partition, new TileKey(DAY_MS, day), key);
      }
      tiles.put(entity, coarse);
    }
    List<SealedManifest> manifests = new ArrayList<>();
    named.forEach(
        (partition, byTile) ->
            byTile.forEach(
                (tile, keys) ->
                    manifests.add(
                        new SealedManifest(
                            storageName, TOPIC, partition, tile, List.copyOf(keys)))));
    // a manifest of thousands of entities: several chunk rows
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 8_000; i++) {
      many.add("crowd-member-%06d".formatted(i));
    }
    manifests.add(
        new SealedManifest(storageName, TOPIC, PARTITIONS, new TileKey(HOUR_MS, 0), many));
    return new SealedHistory(storageName, minutes, tiles, manifests);
  }

  /** Writes everything, minutes and their manifests first, then tiles and theirs. */
  void writeTo(SealedWrites target) {
    target.writeMinutes(minutes).toCompletableFuture().join();
    target.writeManifests(manifests).toCompletableFuture().join();
    tiles.forEach((entity, rows) -> target.writeTiles(entity, rows).toCompletableFuture().join());
  }

  private static void name(
      Map<Integer, Map<TileKey, SortedSet<String>>> named,
      int partition,
      TileKey tile,
      String key) {
    named
        .computeIfAbsent(partition, p -> new TreeMap<>(TILE_ORDER))
        .computeIfAbsent(tile, t -> new TreeSet<>())
        .add(key);
  }

  private static TileRow tile(Random random, long resolutionMs, long startMs) {
    byte[] payload = new byte[8 + random.nextInt(64)];
    random.nextBytes(payload);
    return new TileRow(
        new TileKey(resolutionMs, startMs), startMs + random.nextLong(resolutionMs), payload);
  }
}
