package io.tessera.engine.open;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory side of one {@link OpenState}: the bytes it holds against the process's {@link
 * OpenStateBudget}, which of its tiles hold records in memory, and its {@link EventSpill}. The
 * state reports every change of a tile's or an entity's size here; past the budget, the state that
 * grows moves the records of the tiles that took events since its last spill to files (the state
 * that grows pays, so a quiet partition keeps its events at hand).
 *
 * <p>Confined like the state that owns it.
 */
final class HeldEvents {
  private final OpenStateBudget budget;
  private final EventSpill spill;
  // tiles that took events into memory since the last spill (sealed ones are dropped at seals)
  private final List<OpenTile> holding = new ArrayList<>();
  private long bytes;
  private long memoryEventBytes; // of bytes, what records in memory take: what can spill
  private boolean released;

  HeldEvents(OpenStateBudget budget, EventRecords records) {
    this.budget = budget;
    this.spill = new EventSpill(budget, records);
  }

  /**
   * Notes that {@code tile} took an event: its records in memory grew from {@code eventsBefore}
   * bytes, and the state's size by {@code deltaBytes}. Spills when the budget asks for it.
   */
  void added(OpenTile tile, long eventsBefore, long deltaBytes) {
    memoryEventBytes += tile.memoryEventBytes() - eventsBefore;
    if (!tile.holdingListed()) {
      tile.holdingListed(true);
      holding.add(tile);
    }
    held(deltaBytes);
    if (budget.over() && memoryEventBytes > budget.spillAtBytes()) {
      spill();
    }
  }

  /** Notes that {@code tile} was sealed and forgotten. */
  void sealed(OpenTile tile) {
    tile.markSealed();
    memoryEventBytes -= tile.memoryEventBytes();
    held(-tile.estimatedBytes());
  }

  /**
   * Notes that what the state keeps beside its tiles (its fingerprints) changed by {@code
   * deltaBytes}.
   */
  void resized(long deltaBytes) {
    held(deltaBytes);
  }

  /** Lets go of the sealed tiles and of the spill files of tile starts before {@code beforeMs}. */
  void sealedBefore(long beforeMs) {
    holding.removeIf(OpenTile::isSealed);
    spill.releaseBefore(beforeMs);
  }

  /** Moves the records in memory of every listed tile where that frees heap. */
  private void spill() {
    for (OpenTile tile : holding) {
      tile.holdingListed(false);
      if (!tile.isSealed()) {
        long eventsBefore = tile.memoryEventBytes();
        held(-tile.spill(spill));
        memoryEventBytes -= eventsBefore - tile.memoryEventBytes();
      }
    }
    holding.clear();
  }

  /** Gives back to the budget all that is held and closes the spill files; once. */
  void release() {
    if (released) {
      return;
    }
    released = true;
    held(-bytes);
    spill.close();
  }

  /** The estimated bytes held against the budget. */
  long bytes() {
    return bytes;
  }

  /** The bytes of records now in spill files. */
  long spilledBytes() {
    return spill.bytes();
  }

  private void held(long deltaBytes) {
    bytes += deltaBytes;
    budget.held(deltaBytes);
  }
}
