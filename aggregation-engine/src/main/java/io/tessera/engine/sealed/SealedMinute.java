package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.Objects;

/**
 * One sealed finest tile of one entity: never changes again once written. Holds the canonical tile
 * (computed from {@code events} in canonical order, so its bytes are a pure function of them) and
 * the raw events themselves, which reads need for the window's old edge (part of a finest tile).
 * Named for the usual finest resolution, a minute; the view's tiling decides the real one.
 *
 * @param entity the view lineage's storage name and the entity
 * @param tile the canonical finest tile; its key is the span
 * @param events the de-duplicated events of the span, in canonical (event time, event id) order
 */
public record SealedMinute(EntityRef entity, TileRow tile, List<Event> events) {
  public SealedMinute {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(tile, "tile");
    events = List.copyOf(events);
  }
}
