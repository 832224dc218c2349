package io.tessera.records.normalized;

import java.util.Objects;

/**
 * How far one ingest instance has read a view version's source, in event time: the minimum, over
 * the source partitions or shards the instance reads, of the newest event time read from each (the
 * wall clock for a partition that is idle and fully read). Ingest writes one into every partition
 * of the normalized topic after the events before it were acknowledged, so on each partition a
 * watermark follows every event it covers.
 *
 * <p>A view's watermark on a partition is the minimum over the live publishers (see {@code
 * io.tessera.records.watermark.PartitionWatermarks}); an event is late when the view's watermark
 * has passed its finest tile's end plus the view's allowed lateness.
 *
 * @param view the feature view
 * @param viewVersion the view version whose source was read
 * @param publisher the ingest instance, unique for its lifetime
 * @param watermarkMs event time, epoch ms; {@link #RETIRED} when the publisher stopped reading the
 *     view (it left, or the view version is no longer fed)
 * @param publishedAtMs the publisher's wall clock when it wrote this: publishers that stop writing
 *     are expired by the publication times of the others, so that the decision is in the log
 */
public record Watermark(
    String view, int viewVersion, String publisher, long watermarkMs, long publishedAtMs)
    implements NormalizedRecord {

  /** The watermark of a publisher that no longer reads the view: it holds nothing back. */
  public static final long RETIRED = Long.MAX_VALUE;

  public Watermark {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(publisher, "publisher");
    if (viewVersion < 1) {
      throw new IllegalArgumentException("view versions count from 1, was " + viewVersion);
    }
  }

  /** The last watermark of a publisher that stops reading the view. */
  public static Watermark retired(String view, int viewVersion, String publisher, long nowMs) {
    return new Watermark(view, viewVersion, publisher, RETIRED, nowMs);
  }

  public boolean isRetired() {
    return watermarkMs == RETIRED;
  }
}
