package io.tessera.engine.open;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.tile.TileRow;

/**
 * One coarse tile a {@link CoarseCloser} rolled up and wrote.
 *
 * @param entity the lineage's storage name and the entity
 * @param tile the closed coarse tile, as written
 */
public record RolledUp(EntityRef entity, TileRow tile) {}
