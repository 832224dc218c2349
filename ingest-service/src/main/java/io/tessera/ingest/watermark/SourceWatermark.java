package io.tessera.ingest.watermark;

import io.tessera.records.watermark.ViewVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How far one source consumer (a view version's Kafka consumer or Kinesis consumer on this
 * instance) has read its source, in event time: the minimum, over the partitions or shards it
 * currently reads, of
 *
 * <ul>
 *   <li>the newest event time it read from the partition <em>and published</em> (Kafka acknowledged
 *       it), while the partition is not known to be fully read;
 *   <li>at least the wall clock as of when the partition was last found fully read (lag 0, or
 *       Kinesis {@code millisBehindLatest == 0}), so a quiet source still advances.
 * </ul>
 *
 * A partition with nothing published yet and not known to be fully read holds the whole source back
 * ({@link #watermarkMs} is empty): its unread events may be older than everything else. A revoked
 * partition, or a Kinesis shard read to its end, no longer counts. Filtered and dead-lettered
 * events (among them {@code too_early} ones) are never reported here, so they never move a
 * watermark.
 *
 * <p>Pure bookkeeping, no clock and no I/O: the source reports, the {@link WatermarkPublisher}
 * reads. Thread-safe, since those are different threads.
 */
public final class SourceWatermark {

  /** Nothing known: no event published yet, or not known to be fully read. */
  private static final long UNKNOWN = Long.MIN_VALUE;

  private static final class Partition {
    long newestEventMs = UNKNOWN;
    long fullyReadAsOfMs = UNKNOWN;

    long contributionMs() {
      return Math.max(newestEventMs, fullyReadAsOfMs);
    }
  }

  private final ViewVersion viewVersion;
  private final Map<String, Partition> partitions = new HashMap<>();

  public SourceWatermark(ViewVersion viewVersion) {
    this.viewVersion = Objects.requireNonNull(viewVersion, "viewVersion");
  }

  public ViewVersion viewVersion() {
    return viewVersion;
  }

  /** The source now reads {@code partition}; until known, it holds the watermark back. */
  public synchronized void assigned(String partition) {
    partitions.computeIfAbsent(partition, p -> new Partition());
  }

  /**
   * The source no longer reads {@code partition}: revoked by a rebalance, its lease lost, or (a
   * Kinesis shard after a split or merge) read to its end. It no longer holds anything back.
   */
  public synchronized void revoked(String partition) {
    partitions.remove(partition);
  }

  /**
   * Events of {@code partition} up to {@code newestEventMs} were published and acknowledged. Call
   * it only after the acknowledgement: a watermark must never overtake the events it covers.
   */
  public synchronized void published(String partition, long newestEventMs) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    state.newestEventMs = Math.max(state.newestEventMs, newestEventMs);
  }

  /**
   * Everything in {@code partition} up to {@code asOfMs} (wall clock) is read and published: the
   * source's end offset was reached by a read that began no earlier than {@code asOfMs}.
   */
  public synchronized void fullyRead(String partition, long asOfMs) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    state.fullyReadAsOfMs = Math.max(state.fullyReadAsOfMs, asOfMs);
  }

  /** {@code partition} has a backlog (or its end is unknown): only its events count now. */
  public synchronized void behind(String partition) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    state.fullyReadAsOfMs = UNKNOWN;
  }

  /** Whether the source reads no partition at all (none assigned, or all read to their end). */
  public synchronized boolean readsNothing() {
    return partitions.isEmpty();
  }

  /**
   * The source's watermark, epoch ms; empty while a partition it reads is unknown (nothing
   * published, not known to be fully read), or when it reads no partition.
   */
  public synchronized OptionalLong watermarkMs() {
    if (partitions.isEmpty()) {
      return OptionalLong.empty();
    }
    long min = Long.MAX_VALUE;
    for (Partition partition : partitions.values()) {
      long contribution = partition.contributionMs();
      if (contribution == UNKNOWN) {
        return OptionalLong.empty();
      }
      min = Math.min(min, contribution);
    }
    return OptionalLong.of(min);
  }
}
