package io.tessera.engine.plan;

import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.tile.Tile;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * One entity's store contents already read and decoded, for a reader that answers at many times
 * from the same data (a training sweep): each tile is decoded once, not once per read. Whoever
 * builds it must have read everything the plans it will answer touch; the tiles are only read
 * (merges never alias or change their source), so they may be shared by successive reads on one
 * thread.
 */
public interface DecodedReads {

  /** The head, read before the tiles and events (see {@code EntityHead}). */
  EntityHead head();

  /** Per resolution, decoded tiles by start time. */
  Map<Long, NavigableMap<Long, Tile>> tiles();

  /** The event-log events with {@code fromMs <= eventTime < toMs}, in canonical order. */
  List<Event> events(long fromMs, long toMs);
}
