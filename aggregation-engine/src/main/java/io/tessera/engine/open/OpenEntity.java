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
 * and costs one object instead of two per tile. Whether an event was applied is asked here only
 * when the state's {@link IdHashes} hold the event's fingerprint (a duplicate, or a collision):
 * most events are new and never get here. Nothing here is iterated in hash order, so no hash order
 * can leak into a value.
 */
final class OpenEntity {
  private OpenTile[] tiles = new OpenTile[1];
  private int count;

  /**
   * The applied delivery of {@code eventId} in an open tile, or null. An entity holds each id once,
   * so where the search starts changes nothing but its cost: first the tile of {@code startMs} (the
   * redelivery's own minute, where a redelivered event sits), then the others.
   */
  Event applied(String eventId, int idHash, long startMs) {
    int own = search(startMs);
    if (own >= 0) {
      Event applied = tiles[own].applied(eventId, idHash);
      if (applied != null) {
        return applied;
      }
    }
    for (int i = 0; i < count; i++) {
      if (i != own) {
        Event applied = tiles[i].applied(eventId, idHash);
        if (applied != null) {
          return applied;
        }
      }
    }
    return null;
  }

  /** The open tile starting at {@code startMs}, or null. */
  OpenTile tile(long startMs) {
    int i = search(startMs);
    return i >= 0 ? tiles[i] : null;
  }

  /**
   * Opens the (empty) tile {@code key} of the entity {@code entityKey} (this one), its events kept
   * as {@code records}.
   */
  OpenTile open(String entityKey, TileKey key, EventRecords records) {
    int at = -search(key.startMs()) - 1;
    if (count == tiles.length) {
      tiles = Arrays.copyOf(tiles, count * 2);
    }
    System.arraycopy(tiles, at, tiles, at + 1, count - at);
    OpenTile tile = new OpenTile(entityKey, key, records);
    tiles[at] = tile;
    count++;
    return tile;
  }

  /** Removes and returns the tile starting at {@code startMs}. */
  OpenTile remove(long startMs) {
    int at = search(startMs);
    OpenTile tile = tiles[at];
    System.arraycopy(tiles, at + 1, tiles, at, count - at - 1);
    tiles[--count] = null;
    return tile;
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
