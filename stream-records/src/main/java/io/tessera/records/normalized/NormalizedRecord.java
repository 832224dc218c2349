package io.tessera.records.normalized;

/**
 * What a normalized-topic record carries: an event of a view version, a watermark of one (written
 * by ingest), or a seal marker (written by the aggregation owner once sealed rows are durable).
 *
 * <p>Events and watermarks share the topic so that every reader of a partition (the aggregation
 * owner, a restarted owner, every serving follower) sees the same events and watermarks in the same
 * order, and therefore decides lateness and seals the same way (see {@code
 * io.tessera.records.watermark}). {@link NormalizedRecordCodec} reads and writes both.
 */
public sealed interface NormalizedRecord permits NormalizedEvent, Watermark, SealMarker {

  /** The feature view the record belongs to. */
  String view();

  /** The view version whose source and transformation produced it. */
  int viewVersion();
}
