package io.tessera.backfill;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.open.Rollup;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedWrites;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The coarse tiles of one {@link WorkUnit}, rolled up in memory from the finest tiles it sealed:
 * every coarse tile of a unit lies inside it and has only the unit's children, so nothing needs to
 * be read back from the store as a stream's {@code CoarseCloser} does. {@link Rollup} is the same
 * pure function, so the tiles are the same bytes; each level's manifests (one per coarse tile,
 * naming its entities in order) are written after its tiles, as the closer writes them.
 */
final class UnitRollup {
  static final int ENTITIES_IN_FLIGHT = 64;

  private final String storageName;
  private final String topic;
  private final int partition;
  private final Tiling tiling;
  private final Rollup rollup;
  // per entity, its finest tiles in start order
  private final SortedMap<String, List<TileRow>> finest = new TreeMap<>();

  UnitRollup(ViewAggregator aggregator, String topic, int partition) {
    this.storageName = aggregator.view().name();
    this.topic = topic;
    this.partition = partition;
    this.tiling = new Tiling(aggregator.view().resolutions());
    this.rollup = new Rollup(aggregator);
  }

  /** Keeps a seal's rows as children (seals come in time order). */
  void add(List<SealedMinute> minutes) {
    for (SealedMinute minute : minutes) {
      finest
          .computeIfAbsent(minute.entity().entityKey(), e -> new ArrayList<>())
          .add(minute.tile());
    }
  }

  /**
   * Rolls every coarse level up from the one below and writes it, finer first, tiles before
   * manifests; completes when all are durable.
   *
   * @return how many coarse tiles were closed (per tile start, however many entities it rolled up)
   */
  CompletableFuture<Integer> write(SealedWrites store) {
    SortedMap<String, List<TileRow>> children = finest;
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    int closes = 0;
    for (int level = tiling.levels() - 2; level >= 0; level--) {
      long resolutionMs = tiling.resolutionMs(level);
      SortedMap<String, List<TileRow>> rolled = new TreeMap<>();
      SortedMap<Long, List<String>> entitiesByStart = new TreeMap<>();
      for (Map.Entry<String, List<TileRow>> entity : children.entrySet()) {
        SortedMap<Long, List<TileRow>> byStart = new TreeMap<>();
        for (TileRow child : entity.getValue()) {
          byStart
              .computeIfAbsent(
                  Tiling.floor(child.key().startMs(), resolutionMs), s -> new ArrayList<>())
              .add(child);
        }
        List<TileRow> tiles = new ArrayList<>();
        byStart.forEach(
            (startMs, rows) ->
                rollup.rollUp(new TileKey(resolutionMs, startMs), rows).ifPresent(tiles::add));
        rolled.put(entity.getKey(), tiles);
        for (TileRow tile : tiles) {
          entitiesByStart
              .computeIfAbsent(tile.key().startMs(), s -> new ArrayList<>())
              .add(entity.getKey());
        }
      }
      List<SealedManifest> manifests = new ArrayList<>();
      entitiesByStart.forEach(
          (startMs, entityKeys) ->
              manifests.add(
                  new SealedManifest(
                      storageName,
                      topic,
                      partition,
                      new TileKey(resolutionMs, startMs),
                      entityKeys)));
      closes += manifests.size();
      chain =
          chain
              .thenCompose(previous -> writeTiles(store, rolled))
              .thenCompose(
                  written ->
                      manifests.isEmpty()
                          ? CompletableFuture.completedFuture(null)
                          : store.writeManifests(manifests).toCompletableFuture());
      children = rolled;
    }
    int closed = closes;
    return chain.thenApply(done -> closed);
  }

  /**
   * Writes each entity's tiles, {@link #ENTITIES_IN_FLIGHT} entities at a time: a unit holds
   * thousands, and a request per entity all at once would exhaust the driver's connections.
   */
  private CompletableFuture<Void> writeTiles(
      SealedWrites store, SortedMap<String, List<TileRow>> rolled) {
    List<Map.Entry<String, List<TileRow>>> entities = new ArrayList<>();
    rolled.entrySet().stream().filter(e -> !e.getValue().isEmpty()).forEach(entities::add);
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (int from = 0; from < entities.size(); from += ENTITIES_IN_FLIGHT) {
      List<Map.Entry<String, List<TileRow>>> group =
          entities.subList(from, Math.min(entities.size(), from + ENTITIES_IN_FLIGHT));
      chain =
          chain.thenCompose(
              previous ->
                  CompletableFuture.allOf(
                      group.stream()
                          .map(
                              e ->
                                  store
                                      .writeTiles(
                                          new EntityRef(storageName, e.getKey()), e.getValue())
                                      .toCompletableFuture())
                          .toArray(CompletableFuture[]::new)));
    }
    return chain;
  }
}
