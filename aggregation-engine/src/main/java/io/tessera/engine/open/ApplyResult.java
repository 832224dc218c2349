package io.tessera.engine.open;

import io.tessera.engine.tile.TileKey;

/**
 * What {@link OpenState#apply} did with one event. Only {@link Applied} changes the state; the
 * other two leave it exactly as it was, which is what makes redelivery and replay harmless.
 */
public sealed interface ApplyResult {

  /**
   * The event is now in its open finest tile (raw and in the tile's IR).
   *
   * @param tile the open finest tile it went to
   */
  record Applied(TileKey tile) implements ApplyResult {}

  /**
   * An event with the same id is already in one of the entity's open tiles: it counts once.
   *
   * @param firstOffset the offset of the delivery that was applied (the one kept)
   */
  record Duplicate(long firstOffset) implements ApplyResult {}

  /**
   * The event's finest tile is sealed ({@code eventTime < sealedBeforeMs}): it cannot change a
   * sealed value. A redelivered event of a sealed tile lands here too, so does a replayed record of
   * a tile sealed before the checkpoint the state was restored from; only a genuinely late event is
   * a {@code too_late} dead letter (see the package documentation).
   *
   * @param sealedBeforeMs the view's seal point on the partition when the event was refused
   */
  record TooLate(long sealedBeforeMs) implements ApplyResult {}
}
