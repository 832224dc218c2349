package io.tessera.engine.plan;

/** One piece of a window's plan: where the events of a span of event time come from. */
public sealed interface Segment {

  TimeRange range();

  /** Raw events: a window's edge, less than one finest tile, at either end. */
  record Raw(TimeRange range) implements Segment {}

  /** Whole tiles of one resolution, each starting and ending inside the range. */
  record Tiles(long resolutionMs, TimeRange range) implements Segment {}
}
