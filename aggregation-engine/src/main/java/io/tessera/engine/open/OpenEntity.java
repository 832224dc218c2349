package io.tessera.engine.open;

import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.Arrays;

/**
 * One entity's open finest tiles, in an array sorted by start. An entity has a few open tiles (its
 * minutes within the allowed lateness), so a binary search over an array beats a tree's entries,
 * and costs one object instead of two per tile. Whether an event was applied: past {@link
 * #SCANNED_UP_TO} open events the entity's {@link IdHashes} answer "no" in one probe (most events),
 * and only a hash present is looked for in the tiles; below, the tiles' few hashes are scanned.
 * Nothing here is iterated in hash order, so no hash order can leak into a value.
 */
final class OpenEntity {
  /** Up to this many open events, a lookup scans the tiles instead of keeping {@link IdHashes}. */
  static final int SCANNED_UP_TO = 8;

  private OpenTile[] tiles = new OpenTile[1];
  private int count;
  private int events;
  private IdHashes ids; // null while the entity holds at most SCANNED_UP_TO open events

  /** The applied delivery of {@code eventId} in an open tile, or null. */
  Event applied(String eventId, int idHash) {
    if (ids != null && !ids.contains(idHash)) {
      return null;
    }
    for (int i = 0; i < count; i++) {
      Event applied = tiles[i].applied(eventId, idHash);
      if (applied != null) {
        return applied;
      }
    }
    return null;
  }

  /** The open tile starting at {@code startMs}, or null. */
  OpenTile tile(long startMs) {
    int i = search(startMs);
    return i >= 0 ? tiles[i] : null;
  }

  /** Opens the (empty) tile {@code key} of the entity {@code entityKey} (this one). */
  OpenTile open(String entityKey, TileKey key) {
    int at = -search(key.startMs()) - 1;
    if (count == tiles.length) {
      tiles = Arrays.copyOf(tiles, count * 2);
    }
    System.arraycopy(tiles, at, tiles, at + 1, count - at);
    OpenTile tile = new OpenTile(entityKey, key);
    tiles[at] = tile;
    count++;
    return tile;
  }

  /**
   * Notes that {@code tile}, one of this entity's, took a new event with id hash {@code idHash}.
   */
  void added(OpenTile tile, int idHash) {
    events++;
    if (ids != null) {
      ids.add(idHash);
    } else if (events > SCANNED_UP_TO) {
      ids = new IdHashes();
      for (int i = 0; i < count; i++) {
        tiles[i].forEachIdHash(ids::add);
      }
    }
  }

  /** Removes and returns the tile starting at {@code startMs}. */
  OpenTile remove(long startMs) {
    int at = search(startMs);
    OpenTile tile = tiles[at];
    System.arraycopy(tiles, at + 1, tiles, at, count - at - 1);
    tiles[--count] = null;
    events -= tile.eventCount();
    if (ids != null) {
      tile.forEachIdHash(ids::remove);
    }
    return tile;
  }

  /** A rough heap size of what this entity keeps beside its tiles. */
  long estimatedBytes() {
    return ids == null ? 0 : ids.estimatedBytes();
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** Folds the events with {@code fromMs <= time < toMs} into {@code into}, tiles in time order. */
  void foldInto(Ir[] into, long fromMs, long toMs, long finestMs, ViewAggregator aggregator) {
    if (fromMs >= toMs) {
      return;
    }
    // a lifetime read starts at Long.MIN_VALUE, whose floor would wrap around
    long firstStartMs =
        fromMs <= Long.MIN_VALUE + finestMs ? Long.MIN_VALUE : Tiling.floor(fromMs, finestMs);
    int i = search(firstStartMs);
    for (i = i >= 0 ? i : -i - 1; i < count && tiles[i].startMs() < toMs; i++) {
      tiles[i].foldInto(into, fromMs, toMs, aggregator);
    }
  }

  /** The newest event time in the open tiles, or {@link Ir#NO_EVENT_MS}. */
  long newestEventTimeMs() {
    return count == 0 ? Ir.NO_EVENT_MS : tiles[count - 1].newestEventTimeMs();
  }

  /** Where the tile starting at {@code startMs} is, or {@code -(insertion point) - 1}. */
  private int search(long startMs) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long midStart = tiles[mid].startMs();
      if (midStart < startMs) {
        low = mid + 1;
      } else if (midStart > startMs) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }
}
