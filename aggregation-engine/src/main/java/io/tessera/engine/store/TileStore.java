package io.tessera.engine.store;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileRow;
import java.util.List;

/**
 * The port to the storage of one or more views: the event log, pending events, tiles and per-entity
 * metadata. Every method is one atomic operation on one entity.
 *
 * <p>Ordering the engine relies on: readers call {@link #readHead} before the other reads; the
 * compactor writes tiles, then metadata, then deletes pending events (see {@code
 * CompactionResult}). Implementations must not reorder a caller's writes.
 */
public interface TileStore {

  /**
   * Writes the event to the event log and to pending, unless the entity already has an event with
   * that id (then nothing changes).
   *
   * @return whether the event was new
   */
  boolean append(EntityRef entity, Event event);

  /** Pending events (offset order) and metadata, read as one snapshot. */
  EntityHead readHead(EntityRef entity);

  /** Tiles of {@code resolutionMs} with {@code fromMs <= startMs < toMs}, in start order. */
  List<TileRow> readTiles(EntityRef entity, long resolutionMs, long fromMs, long toMs);

  /** Event-log events with {@code fromMs <= eventTimeMs < toMs}, in canonical order. */
  List<Event> readEvents(EntityRef entity, long fromMs, long toMs);

  /** Inserts or replaces tiles (by key). */
  void writeTiles(EntityRef entity, List<TileRow> tiles);

  void writeMeta(EntityRef entity, EntityMeta meta);

  /** Removes pending events with offset at or below {@code throughOffset}. */
  void deletePending(EntityRef entity, long throughOffset);
}
