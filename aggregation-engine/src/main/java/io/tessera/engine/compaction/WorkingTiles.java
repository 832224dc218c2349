package io.tessera.engine.compaction;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewAggregator;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The tiles one compaction step works on: stored ones read lazily, overlaid by its changes. */
final class WorkingTiles {
  private final TileStore store;
  private final EntityRef entity;
  private final ViewAggregator aggregator;
  private final TileCodec codec;
  private final TreeMap<TileKey, Tile> touched = new TreeMap<>(TileKeys.BY_START);

  WorkingTiles(TileStore store, EntityRef entity, ViewAggregator aggregator) {
    this.store = store;
    this.entity = entity;
    this.aggregator = aggregator;
    this.codec = new TileCodec(aggregator);
  }

  TileStore store() {
    return store;
  }

  EntityRef entity() {
    return entity;
  }

  /** The tile as this step sees it; an empty tile covering nothing if none is stored. */
  Tile getOrCreate(TileKey key) {
    Tile tile = touched.get(key);
    if (tile == null) {
      var rows = store.readTiles(entity, key.resolutionMs(), key.startMs(), key.startMs() + 1);
      Ir[] empty = aggregator.init();
      tile = rows.isEmpty() ? new Tile(key, empty, -1) : codec.decode(rows.get(0));
      touched.put(key, tile);
    }
    return tile;
  }

  void put(Tile tile) {
    touched.put(tile.key(), tile);
  }

  /** Tiles of {@code resolutionMs} starting in [fromMs, toMs): stored, overlaid by changes. */
  NavigableMap<Long, Tile> range(long resolutionMs, long fromMs, long toMs) {
    NavigableMap<Long, Tile> result = new TreeMap<>();
    for (TileRow row : store.readTiles(entity, resolutionMs, fromMs, toMs)) {
      result.put(row.key().startMs(), codec.decode(row));
    }
    for (Tile tile : touched.values()) {
      TileKey key = tile.key();
      if (key.resolutionMs() == resolutionMs && key.startMs() >= fromMs && key.startMs() < toMs) {
        result.put(key.startMs(), tile);
      }
    }
    return result;
  }

  /** Every tile this step changed, in time order. */
  Collection<Tile> touched() {
    return touched.values();
  }
}
