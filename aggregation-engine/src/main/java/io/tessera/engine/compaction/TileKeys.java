package io.tessera.engine.compaction;

import io.tessera.engine.tile.TileKey;
import java.util.Comparator;

/** Orders tile keys by time, finest first at equal starts: the order tiles are written in. */
final class TileKeys {
  static final Comparator<TileKey> BY_START =
      Comparator.comparingLong(TileKey::startMs).thenComparingLong(TileKey::resolutionMs);

  private TileKeys() {}
}
