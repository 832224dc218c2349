package io.tessera.aggregation.backfill;

import io.tessera.aggregation.kafka.AcknowledgedProducer;
import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.registryclient.TopicFollower;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The reports of backfill scans, whichever worker ran them: sent to the compacted reports topic and
 * followed from it, so the worker coordinating a backfill learns when each of its partitions is
 * written and adds up the counts, and every worker skips a task whose partition is already written.
 * The newest report of each scan is kept; a final one is never replaced by an older running one
 * (the follower may deliver a scan's earlier reports after this instance recorded its end). Reports
 * of a backfill that has ended are let go ({@link #ended}): memory holds the running backfills'.
 */
final class ScanReports implements AutoCloseable {
  private final AcknowledgedProducer producer;
  private final String topic;
  private final TopicFollower<BackfillReport> follower;
  private final EndedBackfills endedBackfills;
  private final Map<String, Map<String, BackfillReport>> byBackfill = new ConcurrentHashMap<>();
  // the scans this instance reported, by backfill: it tombstones them when the backfill ends
  private final Map<String, Set<String>> ownScans = new ConcurrentHashMap<>();

  ScanReports(
      Map<String, Object> producerProperties,
      Map<String, Object> consumerProperties,
      String topic,
      EndedBackfills endedBackfills) {
    this.producer = new AcknowledgedProducer(producerProperties, Map.of());
    this.topic = topic;
    this.endedBackfills = endedBackfills;
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
    if (!endedBackfills.contains(report.id())) {
      ownScans.computeIfAbsent(report.id(), id -> ConcurrentHashMap.newKeySet()).add(report.scan());
    }
    return producer
        .send(new ProducerRecord<>(topic, BackfillCodec.key(report), BackfillCodec.encode(report)))
        .thenRun(() -> record(report));
  }

  private void record(BackfillReport report) {
    if (endedBackfills.contains(report.id())) {
      return; // read again from the topic, or late: its backfill's status says all now
    }
    byBackfill
        .computeIfAbsent(report.id(), id -> new ConcurrentHashMap<>())
        .merge(report.scan(), report, (held, next) -> held.state().isFinal() ? held : next);
  }

  /** What the reports say of backfill {@code id} so far. */
  ScanTally tally(String id) {
    return ScanTally.of(byBackfill.getOrDefault(id, Map.of()).values());
  }

  /**
   * Backfill {@code id} has a final status: what is held of it goes, and the reports of this
   * instance's scans of it are tombstoned on the topic (compaction then removes them). Each worker
   * tombstones its own: a worker that died leaves its last reports behind, a few small records.
   */
  void ended(String id) {
    byBackfill.remove(id);
    Set<String> scans = ownScans.remove(id);
    if (scans != null) {
      scans.forEach(
          scan ->
              producer.send(
                  new ProducerRecord<>(
                      topic, (id + "/" + scan).getBytes(StandardCharsets.UTF_8), null)));
    }
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
    producer.close();
  }
}
