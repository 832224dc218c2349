package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The reads a follower makes of the sealed store: rows and tiles before its durable seal point,
 * which never change once written. A reader needs nothing else, so decorators for the read path
 * (timeouts, a cache) implement only this.
 */
public interface SealedRowReads {

  /**
   * Tiles of {@code resolutionMs} (the finest included: those of sealed rows) with {@code fromMs <=
   * startMs < toMs}, in start order.
   */
  CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs);

  /**
   * The raw events of sealed rows with {@code fromMs <= eventTimeMs < toMs}, in canonical order.
   */
  CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs);
}
