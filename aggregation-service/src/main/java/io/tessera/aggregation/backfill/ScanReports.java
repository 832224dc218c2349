package io.tessera.aggregation.backfill;

import io.tessera.aggregation.kafka.AcknowledgedProducer;
import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.registryclient.TopicFollower;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The reports of backfill scans, whichever worker ran them: sent to the compacted reports topic and
 * followed from it, so the worker coordinating a backfill learns when each of its partitions is
 * written and adds up the counts, and every worker skips a task whose partition is already written.
 * The newest report of each scan is kept; a final one is never replaced by an older running one
 * (the follower may deliver a scan's earlier reports after this instance recorded its end).
 */
final class ScanReports implements AutoCloseable {
  private final AcknowledgedProducer producer;
  private final String topic;
  private final TopicFollower<BackfillReport> follower;
  private final Map<String, Map<String, BackfillReport>> byBackfill = new ConcurrentHashMap<>();

  ScanReports(
      Map<String, Object> producerProperties,
      Map<String, Object> consumerProperties,
      String topic) {
    this.producer = new AcknowledgedProducer(producerProperties, Map.of());
    this.topic = topic;
    this.follower =
        new TopicFollower<>(consumerProperties, topic, BackfillCodec::decodeReport, this::record);
  }

  /**
   * Starts following, and waits up to {@code wait} to have read what the topic held: a worker that
   * restarts then knows which partitions of a running backfill are written before it takes tasks
   * (without, it would only scan some again, to the same bytes).
   */
  ScanReports startCaughtUp(Duration wait) throws InterruptedException {
    follower.startCaughtUp(wait);
    return this;
  }

  /** Completes when the report is acknowledged; it counts here from then on. */
  CompletableFuture<Void> publish(BackfillReport report) {
    return producer
        .send(new ProducerRecord<>(topic, BackfillCodec.key(report), BackfillCodec.encode(report)))
        .thenRun(() -> record(report));
  }

  private void record(BackfillReport report) {
    byBackfill
        .computeIfAbsent(report.id(), id -> new ConcurrentHashMap<>())
        .merge(report.scan(), report, (held, next) -> held.state().isFinal() ? held : next);
  }

  /** What the reports say of backfill {@code id} so far. */
  ScanTally tally(String id) {
    return ScanTally.of(byBackfill.getOrDefault(id, Map.of()).values());
  }

  /**
   * Drops what is held of a backfill that ended, here and on the topic (a tombstone per scan, which
   * compaction removes with the reports): its final status says all there is to know now.
   */
  void forget(String id) {
    Map<String, BackfillReport> scans = byBackfill.remove(id);
    if (scans != null) {
      scans
          .values()
          .forEach(
              report ->
                  producer.send(new ProducerRecord<>(topic, BackfillCodec.key(report), null)));
    }
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
    producer.close();
  }
}
