package io.tessera.aggregation.consume;

/**
 * Thrown by {@link ResidentEntity} when a compaction step needs something that is not in memory:
 * the caller reads it asynchronously, {@linkplain ResidentEntity#supply supplies} it, and runs the
 * step again. A step only reads (its writes come back as a result), so running it again is free of
 * effects; this keeps a store round trip from ever blocking a compaction thread.
 *
 * <p>Two reads can miss, both rare: the event log of the minutes being sealed (once per minute of
 * stream time per entity), and tiles already sealed, when a coarser tile is built or sealed from
 * them (once per coarse tile).
 */
public final class MissingRead extends RuntimeException {

  /** Which read: tiles of one resolution, or the event log ({@code resolutionMs} unused). */
  public enum Kind {
    TILES,
    EVENTS
  }

  /** The read that missed: a range of start times (tiles) or of event times (events). */
  public record Range(Kind kind, long resolutionMs, long fromMs, long toMs) {}

  private final transient Range range;

  MissingRead(Range range) {
    super(range.toString(), null, false, false); // control flow: no stack trace
    this.range = range;
  }

  public Range range() {
    return range;
  }
}
