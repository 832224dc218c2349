package io.tessera.streamcore.partition;

import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.SealedWindowCache;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A sealed-window cache that keeps every entry: what a read sees when nothing was evicted. */
final class MapSealedWindowCache implements SealedWindowCache {
  private final Map<Key, Ir[]> entries = new ConcurrentHashMap<>();
  private int hits;

  @Override
  public Ir[] get(Key key) {
    Ir[] found = entries.get(key);
    hits += found == null ? 0 : 1;
    return found;
  }

  /** How many reads found their entry. */
  int hits() {
    return hits;
  }

  @Override
  public void put(Key key, Ir[] states) {
    entries.put(key, states);
  }
}
