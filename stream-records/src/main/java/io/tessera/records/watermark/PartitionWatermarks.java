package io.tessera.records.watermark;

import io.tessera.records.normalized.Watermark;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The watermark of every view version on one partition of the normalized topic, as decided by the
 * partition's watermark records alone: each record updates its publisher's entry; the view's
 * watermark is the minimum over its live publishers, and never moves back. So every reader of the
 * partition (owner, restarted owner, follower) computes the same watermarks at the same offsets.
 *
 * <p>Publishers: every ingest instance that reads a view's source publishes its own watermark (the
 * minimum over the source partitions it reads). A publisher that stops (a retired watermark) leaves
 * at once; one that crashed is expired when the publication times of the partition's records have
 * moved {@code publisherExpiryMs} past its last one. Expiry is measured in the log's own
 * publication times, not this reader's clock, so a replay expires it at the same record.
 *
 * <p>Not thread-safe: one consumer thread applies a partition's records.
 */
public final class PartitionWatermarks {

  /** No watermark yet: nothing of the view may be sealed, and nothing of it is late. */
  public static final long NONE = Long.MIN_VALUE;

  private record Entry(long watermarkMs, long publishedAtMs) {}

  private static final class ViewState {
    final Map<String, Entry> publishers = new HashMap<>();
    long watermarkMs = NONE;
  }

  private final long publisherExpiryMs;
  private final Map<ViewVersion, ViewState> views = new HashMap<>();
  private long newestPublishedAtMs = NONE;

  /**
   * @param publisherExpiryMs how far the partition's publication times move past a publisher's last
   *     watermark before it no longer holds its views back
   */
  public PartitionWatermarks(long publisherExpiryMs) {
    if (publisherExpiryMs <= 0) {
      throw new IllegalArgumentException("publisherExpiryMs must be positive");
    }
    this.publisherExpiryMs = publisherExpiryMs;
  }

  /**
   * Applies one watermark record of the partition, in offset order.
   *
   * @return the view version's watermark after it, or {@link #NONE}
   */
  public long apply(Watermark record) {
    newestPublishedAtMs = Math.max(newestPublishedAtMs, record.publishedAtMs());
    ViewVersion key = new ViewVersion(record.view(), record.viewVersion());
    ViewState state = views.computeIfAbsent(key, k -> new ViewState());
    if (record.isRetired()) {
      state.publishers.remove(record.publisher());
    } else {
      state.publishers.merge(
          record.publisher(),
          new Entry(record.watermarkMs(), record.publishedAtMs()),
          (old, now) -> now.publishedAtMs() >= old.publishedAtMs() ? now : old);
    }
    advance(state);
    return state.watermarkMs;
  }

  /** The view version's watermark, or {@link #NONE} before its first watermark. */
  public long watermarkMs(ViewVersion view) {
    ViewState state = views.get(view);
    return state == null ? NONE : state.watermarkMs;
  }

  public long watermarkMs(String view, int version) {
    return watermarkMs(new ViewVersion(view, version));
  }

  /** Every view version's watermark, for checkpoints and metrics. */
  public Map<ViewVersion, Long> snapshot() {
    Map<ViewVersion, Long> snapshot = new HashMap<>();
    views.forEach((view, state) -> snapshot.put(view, state.watermarkMs));
    return snapshot;
  }

  /**
   * Starts from a checkpointed watermark (a replay from a committed offset): the view's watermark
   * is at least {@code watermarkMs} from here on.
   */
  public void restore(ViewVersion view, long watermarkMs) {
    ViewState state = views.computeIfAbsent(view, k -> new ViewState());
    state.watermarkMs = Math.max(state.watermarkMs, watermarkMs);
  }

  private void advance(ViewState state) {
    long expiredBeforeMs = newestPublishedAtMs - publisherExpiryMs;
    long min = Long.MAX_VALUE;
    for (Iterator<Entry> it = state.publishers.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.publishedAtMs() < expiredBeforeMs) {
        it.remove(); // crashed or partitioned away: its successor publishes for its partitions
      } else {
        min = Math.min(min, entry.watermarkMs());
      }
    }
    if (!state.publishers.isEmpty()) {
      state.watermarkMs = Math.max(state.watermarkMs, min);
    }
  }
}
