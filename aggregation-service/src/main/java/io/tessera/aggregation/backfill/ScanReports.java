package io.tessera.aggregation.backfill;

import io.tessera.aggregation.kafka.AcknowledgedProducer;
import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.records.backfill.BackfillState;
import io.tessera.registryclient.TopicFollower;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  ScanReports start() {
    follower.start();
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
  Tally tally(String id) {
    Map<String, BackfillReport> scans = byBackfill.getOrDefault(id, Map.of());
    List<BackfillReport> reports =
        scans.values().stream().sorted(Comparator.comparing(BackfillReport::updatedAt)).toList();
    Set<Integer> written = new HashSet<>();
    BackfillCounts counts = BackfillCounts.NONE;
    // a partition written twice (a task redone after its worker died) counts once: the first
    for (BackfillReport report : reports) {
      if (report.state() == BackfillState.COMPLETED
          && report.partitions().stream().noneMatch(written::contains)) {
        written.addAll(report.partitions());
        counts = counts.plus(report.counts());
      }
    }
    Set<Integer> counted = new HashSet<>(written);
    Optional<BackfillReport> failed = Optional.empty();
    // newest first: a scan running again after its worker died counts, not the dead one
    List<BackfillReport> newestFirst = new ArrayList<>(reports);
    Collections.reverse(newestFirst);
    for (BackfillReport report : newestFirst) {
      boolean open = report.partitions().stream().noneMatch(counted::contains);
      if (report.state() == BackfillState.RUNNING && open) {
        counted.addAll(report.partitions());
        counts = counts.plus(report.counts());
      } else if (report.state() == BackfillState.FAILED
          && !written.containsAll(report.partitions())
          && failed.isEmpty()) {
        failed = Optional.of(report);
      }
    }
    return new Tally(Set.copyOf(written), failed, counts);
  }

  /** Drops what is held of a backfill that ended. */
  void forget(String id) {
    byBackfill.remove(id);
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
    producer.close();
  }

  /**
   * @param written the partitions whose rows and tiles are durable
   * @param failed a scan that failed on a partition not written since
   * @param counts the written partitions' counts and the running scans' so far
   */
  record Tally(Set<Integer> written, Optional<BackfillReport> failed, BackfillCounts counts) {}
}
