package io.tessera.engine.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.tile.Tiling;
import java.util.function.ToLongFunction;

/**
 * Where a store's reads of one entity break: its rows of one kind lie in <b>blocks</b>, fixed spans
 * aligned on the epoch, and the store reads each block a range touches with one query. Sealed rows
 * (a finest tile with its raw events) lie in blocks of {@code rowBlockMs} by tile start; coarser
 * tiles in blocks of {@code coarseTilesPerBlock} tiles. A cache that keys by block (serving's) then
 * misses once per block, whatever ranges the requests ask for. The store that reads by these blocks
 * builds this (Cassandra: its partitions), so the two cannot disagree.
 *
 * <p>A sealed row holds only the events of its own tile, so the events of a row block are those
 * with {@code fromMs <= eventTimeMs < toMs} of {@link #events}: from the first tile starting in the
 * block to the first starting in the next. Blocks of one kind tile the time line with no gap.
 */
public final class SealedBlocks {
  private final ToLongFunction<String> finestMs;
  private final long rowBlockMs;
  private final long coarseTilesPerBlock;

  /** A span of one kind of an entity's rows; the store reads it with one query. */
  public record Block(long fromMs, long toMs) {

    /** Whether {@code timeMs} lies in this block. */
    public boolean holds(long timeMs) {
      return timeMs >= fromMs && timeMs < toMs;
    }
  }

  /**
   * @param finestMs a lineage's finest tile resolution by its storage name: its tiles are the
   *     sealed rows'
   * @param rowBlockMs the span of a block of sealed rows, by tile start
   * @param coarseTilesPerBlock how many coarser tiles of one resolution a block holds
   */
  public SealedBlocks(ToLongFunction<String> finestMs, long rowBlockMs, long coarseTilesPerBlock) {
    if (rowBlockMs <= 0 || coarseTilesPerBlock <= 0) {
      throw new IllegalArgumentException("blocks must span something");
    }
    this.finestMs = finestMs;
    this.rowBlockMs = rowBlockMs;
    this.coarseTilesPerBlock = coarseTilesPerBlock;
  }

  /** The finest tile resolution of {@code entity}'s lineage: its sealed rows' tiles. */
  public long finestMs(EntityRef entity) {
    return finestMs.applyAsLong(entity.view());
  }

  /**
   * The block holding {@code entity}'s tile of {@code resolutionMs} starting at {@code startMs}.
   */
  public Block tiles(EntityRef entity, long resolutionMs, long startMs) {
    long spanMs =
        resolutionMs == finestMs(entity)
            ? rowBlockMs
            : Math.multiplyExact(resolutionMs, coarseTilesPerBlock);
    long fromMs = Tiling.floor(startMs, spanMs);
    return new Block(fromMs, saturatedPlus(fromMs, spanMs));
  }

  /** The block of sealed rows whose events include those at {@code eventTimeMs}, in event time. */
  public Block events(EntityRef entity, long eventTimeMs) {
    long tileMs = finestMs(entity);
    // the block of the row holding the event, then its first and the next block's first row
    long rowBlockFromMs = Tiling.floor(Tiling.floor(eventTimeMs, tileMs), rowBlockMs);
    return new Block(
        ceil(rowBlockFromMs, tileMs), ceil(saturatedPlus(rowBlockFromMs, rowBlockMs), tileMs));
  }

  private static long ceil(long timeMs, long resolutionMs) {
    long floor = Tiling.floor(timeMs, resolutionMs);
    return floor == timeMs ? timeMs : saturatedPlus(floor, resolutionMs);
  }

  private static long saturatedPlus(long timeMs, long plusMs) {
    long sum = timeMs + plusMs;
    return sum < timeMs ? Long.MAX_VALUE : sum;
  }
}
