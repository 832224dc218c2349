package io.tessera.engine.store;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference {@link TileStore}: everything in memory, one lock per entity, so each operation is
 * atomic as the port requires. Used by tests, benchmarks and tools.
 */
public final class InMemoryTileStore implements TileStore {
  private final Map<EntityRef, EntityData> entities = new ConcurrentHashMap<>();

  private static final class EntityData {
    final Map<String, Event> eventsById = new HashMap<>();
    final NavigableMap<Long, List<Event>> eventsByTime = new TreeMap<>();
    final NavigableMap<Long, Event> pendingByOffset = new TreeMap<>();
    final Map<Long, NavigableMap<Long, TileRow>> tilesByResolution = new HashMap<>();
    EntityMeta meta = EntityMeta.EMPTY;
  }

  private EntityData data(EntityRef entity) {
    return entities.computeIfAbsent(entity, key -> new EntityData());
  }

  @Override
  public boolean append(EntityRef entity, Event event) {
    EntityData data = data(entity);
    synchronized (data) {
      if (data.eventsById.putIfAbsent(event.eventId(), event) != null) {
        return false;
      }
      data.eventsByTime.computeIfAbsent(event.eventTimeMs(), time -> new ArrayList<>()).add(event);
      data.pendingByOffset.put(event.offset(), event);
      return true;
    }
  }

  @Override
  public EntityHead readHead(EntityRef entity) {
    EntityData data = data(entity);
    synchronized (data) {
      return new EntityHead(new ArrayList<>(data.pendingByOffset.values()), data.meta);
    }
  }

  @Override
  public List<TileRow> readTiles(EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    EntityData data = data(entity);
    synchronized (data) {
      NavigableMap<Long, TileRow> tiles = data.tilesByResolution.get(resolutionMs);
      if (tiles == null || fromMs >= toMs) {
        return List.of();
      }
      return new ArrayList<>(tiles.subMap(fromMs, true, toMs, false).values());
    }
  }

  @Override
  public List<Event> readEvents(EntityRef entity, long fromMs, long toMs) {
    EntityData data = data(entity);
    List<Event> result = new ArrayList<>();
    synchronized (data) {
      if (fromMs < toMs) {
        data.eventsByTime.subMap(fromMs, true, toMs, false).values().forEach(result::addAll);
      }
    }
    result.sort(EventOrder.CANONICAL);
    return result;
  }

  @Override
  public void writeTiles(EntityRef entity, List<TileRow> tiles) {
    EntityData data = data(entity);
    synchronized (data) {
      for (TileRow row : tiles) {
        TileKey key = row.key();
        data.tilesByResolution
            .computeIfAbsent(key.resolutionMs(), res -> new TreeMap<>())
            .put(key.startMs(), row);
      }
    }
  }

  @Override
  public void writeMeta(EntityRef entity, EntityMeta meta) {
    EntityData data = data(entity);
    synchronized (data) {
      data.meta = meta;
    }
  }

  @Override
  public void deletePending(EntityRef entity, long throughOffset) {
    EntityData data = data(entity);
    synchronized (data) {
      data.pendingByOffset.headMap(throughOffset, true).clear();
    }
  }
}
