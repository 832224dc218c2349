package io.tessera.engine.open;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import java.util.List;

/**
 * A finest tile sealed by a replica that does not write it (a serving follower): the sealed tile
 * itself, whose row is computed only when a read asks for it. The owner seals the same tile into
 * the same row ({@link OpenTile#seal}), and most tiles a follower seals are never read before the
 * owner's marker says the store has them, so computing each row when sealing (decoding every event,
 * sorting, recomputing and encoding the canonical tile) was work the follower did for nothing, on
 * its consumer thread and under its partition's write lock, for every entity of every minute: the
 * tail of the freshness benchmark sat in the seconds after each minute sealed.
 *
 * <p>Immutable once sealed (the tile is forgotten by the open state and never changes again), so
 * reads may ask concurrently. Every answer is recomputed through the owner's code: {@link #tile} is
 * the canonical tile as the store returns it, encoded and decoded, so a value never depends on
 * whether memory or the store answered. A tile whose events were spilled is sealed at once ({@link
 * OpenState}): its spill file goes when its minute seals.
 */
public final class DeferredSeal {
  private final EntityRef entity;
  private final OpenTile open; // null once sealed eagerly
  private final SealedMinute sealed; // null while deferred
  private final CanonicalTiles canonical;
  private final TileCodec codec;

  private DeferredSeal(
      EntityRef entity,
      OpenTile open,
      SealedMinute sealed,
      CanonicalTiles canonical,
      TileCodec codec) {
    this.entity = entity;
    this.open = open;
    this.sealed = sealed;
    this.canonical = canonical;
    this.codec = codec;
  }

  static DeferredSeal deferred(
      EntityRef entity, OpenTile tile, CanonicalTiles canonical, TileCodec codec) {
    return new DeferredSeal(entity, tile, null, canonical, codec);
  }

  static DeferredSeal sealedNow(
      EntityRef entity, OpenTile tile, CanonicalTiles canonical, TileCodec codec) {
    return new DeferredSeal(entity, null, tile.seal(entity, canonical, codec), canonical, codec);
  }

  public EntityRef entity() {
    return entity;
  }

  public long startMs() {
    return open != null ? open.startMs() : sealed.tile().key().startMs();
  }

  public long newestEventTimeMs() {
    return open != null ? open.newestEventTimeMs() : sealed.tile().newestEventTimeMs();
  }

  public int eventCount() {
    return open != null ? open.eventCount() : sealed.events().size();
  }

  /** The sealed row, as the owner writes it. */
  public SealedMinute minute() {
    return sealed != null ? sealed : open.seal(entity, canonical, codec);
  }

  /** The canonical tile as a read of the sealed row gets it. */
  public Tile tile() {
    return codec.decode(minute().tile());
  }

  /** The tile's events in canonical order, as the sealed row holds them. */
  public List<Event> events() {
    return sealed != null ? sealed.events() : open.sealedEvents();
  }

  /** A rough heap size of what this holds until the row is computed. */
  public long estimatedBytes() {
    if (open != null) {
      return open.estimatedBytes();
    }
    return MemoryEstimate.TILE_BASE
        + sealed.tile().payload().length
        + MemoryEstimate.OBJECT_BYTES * sealed.events().size();
  }
}
