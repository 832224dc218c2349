package io.tessera.aggregation.consume;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One owned entity as the compactor sees it, held in memory so that a compaction step needs no
 * read: its pending events, its metadata, per resolution every tile that is not sealed yet, and the
 * logged events of the unsealed range (what sealing recomputes tiles from; at most {@link
 * #MAX_LOGGED_EVENTS}, the newest). Reads of older tiles (rare: sealing an hour or a day, building
 * a coarse tile from children that are already sealed) and of log ranges not in memory throw {@link
 * MissingRead} unless the caller has {@linkplain #supply supplied} them for the current step; they
 * are dropped when the step is applied (its last write is the pending deletion).
 *
 * <p>Why this is exact: the instance is the only writer of the entity, it was loaded from the store
 * (its tiles from the start that {@link #residentFromMs} names, the start of the unsealed range),
 * and every write of a step goes to this copy and to the store alike. A compaction step only
 * touches tiles at or after the start of the unsealed range of their resolution, except when it
 * rebuilds a coarse tile from sealed children, which it reads below.
 *
 * <p>Eviction: when sealing advances, tiles before the new start leave memory; they must then be in
 * the store, so the caller may not step the entity again until the previous step's writes are
 * acknowledged. Not thread-safe: one thread at a time (the consumer loop, or one compaction task
 * while the loop waits for it).
 */
public final class ResidentEntity implements TileStore {

  /**
   * Logged events kept per entity for sealing. A hot entity with a long allowed lateness keeps only
   * its newest ones (older minutes are then sealed from a log read), which bounds the memory.
   */
  static final int MAX_LOGGED_EVENTS = 20_000;

  private final EntityRef entity;
  private final TileStore below;
  private final Map<Long, Long> fromMsByResolution;
  private final Map<Long, NavigableMap<Long, TileRow>> tilesByResolution = new HashMap<>();
  private final List<Event> pending;
  private final Map<MissingRead.Range, List<?>> supplied = new HashMap<>();
  private final NavigableMap<Long, List<Event>> loggedByTime = new TreeMap<>();
  private int loggedCount;

  /** {@link #loggedByTime} holds every logged event with event time at or after this. */
  private long loggedFromMs;

  private EntityMeta meta;

  /**
   * @param head the stored head (pending events and metadata)
   * @param tiles the stored tiles at or after {@link #residentFromMs}{@code (head.meta(), ...)}
   * @param resolutionsMs the view's resolutions
   * @param below the store the one-at-a-time {@link #append} goes through (tools and tests; the
   *     service appends in batches and reports them with {@link #appended})
   */
  public ResidentEntity(
      EntityRef entity,
      EntityHead head,
      List<TileRow> tiles,
      List<Long> resolutionsMs,
      TileStore below) {
    this(entity, head, tiles, resolutionsMs, below, Long.MAX_VALUE, List.of());
  }

  /**
   * @param loggedFromMs {@code logged} holds every logged event at or after this
   * @param logged logged events (any order)
   */
  public ResidentEntity(
      EntityRef entity,
      EntityHead head,
      List<TileRow> tiles,
      List<Long> resolutionsMs,
      TileStore below,
      long loggedFromMs,
      List<Event> logged) {
    this.entity = entity;
    this.loggedFromMs = loggedFromMs;
    logged.forEach(this::log);
    this.below = below;
    this.meta = head.meta();
    this.pending = new ArrayList<>(head.pending());
    this.fromMsByResolution = new HashMap<>(residentFromMs(meta, resolutionsMs));
    for (long resolutionMs : resolutionsMs) {
      tilesByResolution.put(resolutionMs, new TreeMap<>());
    }
    for (TileRow tile : tiles) {
      put(tile);
    }
  }

  /**
   * Per resolution, the start of the tiles kept in memory: the tile holding the sealed time (all
   * tiles when nothing is sealed). Older tiles never change again.
   */
  public static Map<Long, Long> residentFromMs(EntityMeta meta, List<Long> resolutionsMs) {
    Map<Long, Long> from = new HashMap<>();
    for (long resolutionMs : resolutionsMs) {
      long sealedMs = meta.sealedBeforeMs();
      from.put(
          resolutionMs,
          sealedMs == EntityMeta.NO_TIME
              ? Long.MIN_VALUE
              : sealedMs - Math.floorMod(sealedMs, resolutionMs));
    }
    return from;
  }

  public EntityMeta meta() {
    return meta;
  }

  public int pendingCount() {
    return pending.size();
  }

  /**
   * Events the caller appends to the store (new for the entity), in offset order: pending here
   * until a step absorbs them.
   */
  public void appended(List<Event> events) {
    pending.addAll(events);
    events.forEach(this::log);
  }

  private void log(Event event) {
    if (event.eventTimeMs() < loggedFromMs) {
      return;
    }
    loggedByTime.computeIfAbsent(event.eventTimeMs(), time -> new ArrayList<>(1)).add(event);
    loggedCount++;
    while (loggedCount > MAX_LOGGED_EVENTS) { // forget the oldest instant, keep completeness
      Map.Entry<Long, List<Event>> oldest = loggedByTime.pollFirstEntry();
      loggedCount -= oldest.getValue().size();
      loggedFromMs = oldest.getKey() + 1;
    }
  }

  /** Appends through the store below, and keeps the event pending here if it was new. */
  @Override
  public boolean append(EntityRef entity, Event event) {
    requireOwn(entity);
    boolean added = below.append(entity, event);
    if (added) {
      pending.add(event);
      log(event);
    }
    return added;
  }

  @Override
  public EntityHead readHead(EntityRef entity) {
    requireOwn(entity);
    return new EntityHead(pending, meta);
  }

  @Override
  public List<TileRow> readTiles(EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    requireOwn(entity);
    long residentFromMs = fromMsByResolution.get(resolutionMs);
    List<TileRow> rows = new ArrayList<>();
    if (fromMs < residentFromMs) {
      MissingRead.Range range =
          new MissingRead.Range(
              MissingRead.Kind.TILES, resolutionMs, fromMs, Math.min(toMs, residentFromMs));
      rows.addAll(suppliedOrThrow(range, TileRow.class));
    }
    long residentStartMs = Math.max(fromMs, residentFromMs);
    if (residentStartMs < toMs) {
      rows.addAll(tilesByResolution.get(resolutionMs).subMap(residentStartMs, toMs).values());
    }
    return rows;
  }

  @Override
  public List<Event> readEvents(EntityRef entity, long fromMs, long toMs) {
    requireOwn(entity);
    if (fromMs >= loggedFromMs) {
      List<Event> events = new ArrayList<>();
      if (fromMs < toMs) {
        loggedByTime.subMap(fromMs, toMs).values().forEach(events::addAll);
      }
      events.sort(EventOrder.CANONICAL);
      return events;
    }
    return suppliedOrThrow(
        new MissingRead.Range(MissingRead.Kind.EVENTS, 0, fromMs, toMs), Event.class);
  }

  /** The rows of a read that missed (tile rows or events, as its kind says), for this step. */
  public void supply(MissingRead.Range range, List<?> rows) {
    supplied.put(range, List.copyOf(rows));
  }

  private <T> List<T> suppliedOrThrow(MissingRead.Range range, Class<T> type) {
    List<?> rows = supplied.get(range);
    if (rows == null) {
      throw new MissingRead(range);
    }
    return rows.stream().map(type::cast).toList();
  }

  /** Keeps the tiles that are resident; the caller writes them to the store too. */
  @Override
  public void writeTiles(EntityRef entity, List<TileRow> tiles) {
    requireOwn(entity);
    tiles.forEach(this::put);
  }

  /** Takes the new metadata, and evicts the tiles that sealing took out of the resident range. */
  @Override
  public void writeMeta(EntityRef entity, EntityMeta newMeta) {
    requireOwn(entity);
    meta = newMeta;
    if (newMeta.sealedBeforeMs() != EntityMeta.NO_TIME && newMeta.sealedBeforeMs() > loggedFromMs) {
      // Sealed minutes are never recomputed again: their events leave memory.
      NavigableMap<Long, List<Event>> sealed =
          loggedByTime.headMap(newMeta.sealedBeforeMs(), false);
      sealed.values().forEach(events -> loggedCount -= events.size());
      sealed.clear();
      loggedFromMs = newMeta.sealedBeforeMs();
    }
    residentFromMs(newMeta, List.copyOf(fromMsByResolution.keySet()))
        .forEach(
            (resolutionMs, fromMs) -> {
              if (fromMs > fromMsByResolution.get(resolutionMs)) {
                fromMsByResolution.put(resolutionMs, fromMs);
                tilesByResolution.get(resolutionMs).headMap(fromMs).clear();
              }
            });
  }

  @Override
  public void deletePending(EntityRef entity, long throughOffset) {
    requireOwn(entity);
    pending.removeIf(event -> event.offset() <= throughOffset);
    supplied.clear(); // the step is applied; the next one reads anew
  }

  /** Logged events held for sealing (for tests and metrics). */
  public int loggedEvents() {
    return loggedCount;
  }

  /** Resident tiles, all resolutions (for tests and metrics). */
  public int residentTiles() {
    return tilesByResolution.values().stream().mapToInt(Map::size).sum();
  }

  private void put(TileRow tile) {
    long resolutionMs = tile.key().resolutionMs();
    if (tile.key().startMs() >= fromMsByResolution.get(resolutionMs)) {
      tilesByResolution.get(resolutionMs).put(tile.key().startMs(), tile);
    }
  }

  private void requireOwn(EntityRef other) {
    if (!entity.equals(other)) {
      throw new IllegalArgumentException(other + " is not " + entity);
    }
  }
}
