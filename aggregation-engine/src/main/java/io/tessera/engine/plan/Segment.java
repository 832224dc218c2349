package io.tessera.engine.plan;

/** One piece of a window's plan: where the events of a span of event time come from. */
public sealed interface Segment {

  TimeRange range();

  /** Raw events from the event log: the old edge, less than one finest tile. */
  record Raw(TimeRange range) implements Segment {}

  /** Whole tiles of one resolution, each starting and ending inside the range. */
  record Tiles(long resolutionMs, TimeRange range) implements Segment {}

  /**
   * The newest edge {@code [finest tile of t .. t)}: the open finest tile if its newest event is
   * before {@code t}, else raw events. Which one is decided when the tile's row is read.
   */
  record Tail(long tileStartMs, TimeRange range) implements Segment {}
}
