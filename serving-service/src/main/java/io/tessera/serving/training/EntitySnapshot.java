package io.tessera.serving.training;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.TimeRange;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What the store held for one (entity, view) over the ranges a sweep's plans read, answering the
 * read plan's reads from memory: the head, tiles per resolution and event-log events. It is the
 * same data serving would read (read head first, like serving), so the engine's reader over it
 * gives serving's values. A read outside the loaded ranges (which the loader's plans make
 * unexpected) goes to the store: slower, never wrong.
 */
final class EntitySnapshot implements AsyncTileReads {
  private final EntityRef entity;
  private final EntityHead head;
  private final Map<Long, List<TimeRange>> tileRanges;
  private final Map<Long, NavigableMap<Long, TileRow>> tiles;
  private final List<TimeRange> eventRanges;
  private final List<Event> events; // canonical order: event time first
  private final long[] eventTimesMs;
  private final AsyncTileReads fallback;

  EntitySnapshot(
      EntityRef entity,
      EntityHead head,
      Map<Long, List<TimeRange>> tileRanges,
      Map<Long, List<TileRow>> tileRows,
      List<TimeRange> eventRanges,
      List<Event> events,
      AsyncTileReads fallback) {
    this.entity = entity;
    this.head = head;
    this.tileRanges = tileRanges;
    this.tiles = new java.util.HashMap<>();
    tileRows.forEach(
        (resolutionMs, rows) -> {
          NavigableMap<Long, TileRow> byStart = new TreeMap<>();
          rows.forEach(row -> byStart.put(row.key().startMs(), row));
          tiles.put(resolutionMs, byStart);
        });
    this.eventRanges = eventRanges;
    this.events = events;
    this.eventTimesMs = events.stream().mapToLong(Event::eventTimeMs).toArray();
    this.fallback = fallback;
  }

  int tileCount() {
    return tiles.values().stream().mapToInt(Map::size).sum();
  }

  int eventCount() {
    return events.size();
  }

  @Override
  public CompletionStage<EntityHead> readHead(EntityRef ref) {
    check(ref);
    return CompletableFuture.completedFuture(head);
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef ref, long resolutionMs, long fromMs, long toMs) {
    check(ref);
    if (fromMs >= toMs) {
      return CompletableFuture.completedFuture(List.of());
    }
    if (!covered(tileRanges.getOrDefault(resolutionMs, List.of()), fromMs, toMs)) {
      return fallback.readTiles(ref, resolutionMs, fromMs, toMs);
    }
    NavigableMap<Long, TileRow> byStart = tiles.get(resolutionMs);
    List<TileRow> rows =
        byStart == null
            ? List.of()
            : new ArrayList<>(byStart.subMap(fromMs, true, toMs, false).values());
    return CompletableFuture.completedFuture(rows);
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef ref, long fromMs, long toMs) {
    check(ref);
    if (fromMs >= toMs) {
      return CompletableFuture.completedFuture(List.of());
    }
    if (!covered(eventRanges, fromMs, toMs)) {
      return fallback.readEvents(ref, fromMs, toMs);
    }
    return CompletableFuture.completedFuture(
        new ArrayList<>(events.subList(lowerBound(fromMs), lowerBound(toMs))));
  }

  /** The first index whose event time is at or after {@code timeMs}. */
  private int lowerBound(long timeMs) {
    int lo = 0;
    int hi = eventTimesMs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (eventTimesMs[mid] < timeMs) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean covered(List<TimeRange> ranges, long fromMs, long toMs) {
    for (TimeRange range : ranges) {
      if (range.fromMs() <= fromMs && toMs <= range.toMs()) {
        return true;
      }
    }
    return false;
  }

  private void check(EntityRef ref) {
    if (!entity.equals(ref)) {
      throw new IllegalArgumentException("a snapshot of " + entity + " was asked for " + ref);
    }
  }
}
