package io.tessera.engine.open;

import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sealed store as the owner writes it: the minutes and manifests of a {@link SealResult} into
 * an {@link InMemorySealedStore}, then its closes by a {@link CoarseCloser} over that store (which
 * reads nothing from the open state). What was written is also kept here to read and compare, and
 * rows are immutable: writing a row or a manifest again with other content fails the test at once.
 */
final class SealedRows {
  static final String TOPIC = "normalized";
  static final int PARTITION = 3;

  private final InMemorySealedStore store = new InMemorySealedStore();
  private final String storageName;
  private final CoarseCloser closer;
  private final Map<String, NavigableMap<Long, SealedMinute>> minutes = new TreeMap<>();
  private final Map<String, Map<Long, NavigableMap<Long, TileRow>>> coarse = new TreeMap<>();
  private final Map<Long, NavigableMap<Long, SealedManifest>> manifests = new TreeMap<>();
  private int rowsRewritten;

  SealedRows(ViewAggregator aggregator) {
    this.storageName = aggregator.view().name();
    this.closer = new CoarseCloser(aggregator, TOPIC, PARTITION, store);
  }

  void write(SealResult result) {
    for (SealedMinute minute : result.minutes()) {
      put(
          minutes.computeIfAbsent(minute.entity().entityKey(), key -> new TreeMap<>()),
          minute.tile().key().startMs(),
          minute);
    }
    result.manifests().forEach(this::putManifest);
    store.writeMinutes(result.minutes()).toCompletableFuture().join();
    store.writeManifests(result.manifests()).toCompletableFuture().join();
    for (RolledUp rolled : closer.close(result.closes()).toCompletableFuture().join()) {
      TileKey key = rolled.tile().key();
      put(
          coarse
              .computeIfAbsent(rolled.entity().entityKey(), entity -> new TreeMap<>())
              .computeIfAbsent(key.resolutionMs(), resolution -> new TreeMap<>()),
          key.startMs(),
          rolled.tile());
    }
    for (CoarseClose close : result.closes()) {
      store
          .readManifests(
              storageName,
              TOPIC,
              PARTITION,
              close.resolutionMs(),
              close.startMs(),
              close.startMs() + 1)
          .toCompletableFuture()
          .join()
          .forEach(this::putManifest);
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

  /** Every manifest written, by resolution and start. */
  Map<Long, NavigableMap<Long, SealedManifest>> manifests() {
    return manifests;
  }

  /** How many writes hit a row already there (with the same content). */
  int rowsRewritten() {
    return rowsRewritten;
  }

  private void putManifest(SealedManifest manifest) {
    TileKey key = manifest.tile();
    put(
        manifests.computeIfAbsent(key.resolutionMs(), resolution -> new TreeMap<>()),
        key.startMs(),
        manifest);
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
