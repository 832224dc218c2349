package io.tessera.engine.open;

import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An in-memory stand-in for the sealed store, written the way the owner writes: the minutes of a
 * {@link SealResult}, then its closes rolled up in order from the rows already written. Rows are
 * immutable: writing a row again with other content fails the test at once.
 */
final class SealedRows {
  private final Rollup rollup;
  private final Map<String, NavigableMap<Long, SealedMinute>> minutes = new TreeMap<>();
  private final Map<String, Map<Long, NavigableMap<Long, TileRow>>> coarse = new TreeMap<>();
  private int rowsRewritten;

  SealedRows(Rollup rollup) {
    this.rollup = rollup;
  }

  void write(SealResult result) {
    for (SealedMinute minute : result.minutes()) {
      put(
          minutes.computeIfAbsent(minute.entity().entityKey(), key -> new TreeMap<>()),
          minute.tile().key().startMs(),
          minute);
    }
    for (CoarseClose close : result.closes()) {
      long childResolutionMs = rollup.childResolutionMs(close.resolutionMs());
      for (String entityKey : close.entityKeys()) {
        List<TileRow> children =
            tiles(entityKey, childResolutionMs, close.startMs(), close.key().endMs());
        rollup
            .rollUp(close.key(), children)
            .ifPresent(
                row ->
                    put(
                        coarse
                            .computeIfAbsent(entityKey, key -> new TreeMap<>())
                            .computeIfAbsent(close.resolutionMs(), res -> new TreeMap<>()),
                        close.startMs(),
                        row));
      }
    }
  }

  /** Tiles of one resolution (finest: the sealed minutes' tiles) with start in [from, to). */
  List<TileRow> tiles(String entityKey, long resolutionMs, long fromMs, long toMs) {
    List<TileRow> rows = new ArrayList<>();
    NavigableMap<Long, SealedMinute> byStart = minutes.get(entityKey);
    if (byStart != null && !byStart.isEmpty()) {
      long finestMs = byStart.firstEntry().getValue().tile().key().resolutionMs();
      if (finestMs == resolutionMs) {
        byStart.subMap(fromMs, true, toMs, false).values().forEach(m -> rows.add(m.tile()));
        return rows;
      }
    }
    NavigableMap<Long, TileRow> coarseRows =
        coarse.getOrDefault(entityKey, Map.of()).get(resolutionMs);
    if (coarseRows != null) {
      rows.addAll(coarseRows.subMap(fromMs, true, toMs, false).values());
    }
    return rows;
  }

  /** The sealed minute of {@code entityKey} starting at {@code startMs}, or null. */
  SealedMinute minute(String entityKey, long startMs) {
    NavigableMap<Long, SealedMinute> byStart = minutes.get(entityKey);
    return byStart == null ? null : byStart.get(startMs);
  }

  /** The coarse row, or null. */
  TileRow coarse(String entityKey, TileKey key) {
    NavigableMap<Long, TileRow> rows =
        coarse.getOrDefault(entityKey, Map.of()).get(key.resolutionMs());
    return rows == null ? null : rows.get(key.startMs());
  }

  /** Every sealed event of the entity, in canonical order. */
  List<Event> events(String entityKey) {
    List<Event> events = new ArrayList<>();
    minutes
        .getOrDefault(entityKey, new TreeMap<>())
        .values()
        .forEach(m -> events.addAll(m.events()));
    return events;
  }

  Map<String, NavigableMap<Long, SealedMinute>> minutes() {
    return minutes;
  }

  Map<String, Map<Long, NavigableMap<Long, TileRow>>> coarseRows() {
    return coarse;
  }

  /** How many writes hit a row already there (with the same content). */
  int rowsRewritten() {
    return rowsRewritten;
  }

  private <T> void put(NavigableMap<Long, T> rows, long startMs, T row) {
    T before = rows.putIfAbsent(startMs, row);
    if (before != null) {
      if (!Objects.equals(before, row)) {
        throw new AssertionError("row rewritten with other content: " + before + " then " + row);
      }
      rowsRewritten++;
    }
  }
}
