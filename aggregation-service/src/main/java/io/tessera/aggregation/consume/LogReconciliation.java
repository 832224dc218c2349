package io.tessera.aggregation.consume;

import io.tessera.engine.event.Event;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.EntityMeta;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The head a writer starts from, recovered from what is stored. The service writes an event's log
 * row and then the tiles that absorb it; a crash in between leaves a logged event that no tile
 * covers. Such an event is still to be absorbed: it is pending again, in offset order, exactly as
 * if the crash had not happened.
 *
 * <p>An event of the unsealed range is absorbed if and only if every tile that counts it covers its
 * offset: its finest tile and each coarser one the metadata says is built (absorbing touches
 * exactly those, and every tile a step touches covers the step's highest offset). The tiles of one
 * step are separate writes, so a crash can leave some written and others not; absorbing the event
 * again only adds it where it is missing, because the compactor skips a tile that covers the
 * offset. Events before the sealed time are in sealed tiles by construction (sealing recomputes
 * from the log after absorbing every pending event).
 *
 * <p>The stored metadata is written only when what readers plan with changes, so its covered offset
 * may lag the tiles'. The compactor must start from the true watermark (sealing recomputes tiles
 * from the logged events at or below it), which is the highest offset any unsealed tile covers, or
 * the stored one if higher (tiles sealed since are written with the metadata that seals them). A
 * crash may also have lost the metadata write of a step whose tiles were written: its first event
 * time is then recovered from the absorbed events (built and sealed times need nothing: the next
 * step builds and seals again from the tiles and the log, which gives the same tiles).
 */
final class LogReconciliation {
  private LogReconciliation() {}

  /**
   * @param stored the stored head (pending rows of pending-protocol writers, and metadata)
   * @param logged logged events, at least those at or after the sealed time
   * @param tiles the stored unsealed tiles, every resolution
   * @param resolutionsMs the view's resolutions
   */
  static EntityHead reconcile(
      EntityHead stored, List<Event> logged, List<TileRow> tiles, List<Long> resolutionsMs) {
    EntityMeta meta = stored.meta();
    long watermark = meta.coveredOffset();
    Map<TileKey, Long> covered = new HashMap<>();
    for (TileRow tile : tiles) {
      watermark = Math.max(watermark, tile.coveredOffset());
      covered.put(tile.key(), tile.coveredOffset());
    }
    long finestMs = Collections.min(resolutionsMs);
    long firstMs = meta.firstEventTimeMs();
    Map<String, Event> pending = new LinkedHashMap<>();
    stored.pending().forEach(event -> pending.put(event.eventId(), event));
    for (Event event : logged) {
      if (meta.isTooLate(event.eventTimeMs())) {
        continue;
      }
      if (!absorbed(event, meta, covered, resolutionsMs, finestMs)) {
        pending.putIfAbsent(event.eventId(), event);
      } else if (firstMs == EntityMeta.NO_TIME || event.eventTimeMs() < firstMs) {
        firstMs = event.eventTimeMs();
      }
    }
    List<Event> ordered = new ArrayList<>(pending.values());
    ordered.sort(Comparator.comparingLong(Event::offset));
    EntityMeta recovered =
        new EntityMeta(
            firstMs, watermark, meta.builtThroughMsByResolution(), meta.sealedBeforeMs());
    return new EntityHead(ordered, recovered);
  }

  private static boolean absorbed(
      Event event,
      EntityMeta meta,
      Map<TileKey, Long> covered,
      List<Long> resolutionsMs,
      long finestMs) {
    for (long resolutionMs : resolutionsMs) {
      TileKey key = TileKey.containing(resolutionMs, event.eventTimeMs());
      if (resolutionMs != finestMs && key.endMs() > meta.builtThroughMs(resolutionMs)) {
        continue; // not built: it will be merged from its children
      }
      if (covered.getOrDefault(key, Long.MIN_VALUE) < event.offset()) {
        return false;
      }
    }
    return true;
  }
}
