package io.tessera.ingest.deadletter;

import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.normalize.Outcome;
import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterCodec;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.normalized.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Feeds a view's dead letters through the view's <em>current</em> definition again: the work of one
 * {@link ReplayJob}, run on a replay thread by {@link ReplayJobs}.
 *
 * <p>Each view has a replay consumer group on the dead-letter topic ({@code
 * <prefix>.replay.<view>}) whose committed offsets mark how far its letters were replayed. A replay
 * reads from there to the end of the topic as it was when the replay began, publishes what passes
 * (under the event id of the original event, derived from its source position when the view
 * declares none, so replaying twice counts nothing twice), dead-letters again what fails (after the
 * end, so the next replay sees it once more), and commits after each batch. A cancelled replay
 * stops after its current batch, committed: the next one goes on from there.
 */
public final class DeadLetterReplay {

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final int BATCH = 500;

  private final IngestPipeline pipeline;
  private final Function<String, List<CompiledView>> fedVersions;
  private final Map<String, Object> consumerProperties;
  private final String deadLetterTopic;
  private final String groupPrefix;

  /**
   * @param fedVersions the versions of a view whose events are normalized now, newest first (the
   *     registry's {@code fed}): while a semantic change is backfilled, the version serving answers
   *     with is fed too, and a replayed letter reaches both, as a live event would
   */
  public DeadLetterReplay(
      IngestPipeline pipeline,
      Function<String, List<CompiledView>> fedVersions,
      Map<String, Object> consumerProperties,
      String deadLetterTopic,
      String groupPrefix) {
    this.pipeline = pipeline;
    this.fedVersions = fedVersions;
    this.consumerProperties = Map.copyOf(consumerProperties);
    this.deadLetterTopic = deadLetterTopic;
    this.groupPrefix = groupPrefix;
  }

  /** Replays the job's view's letters, reporting progress to the job as it goes. */
  public void run(ReplayJob job) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(job.view().name())) {
      replay(job, consumer);
    }
  }

  private void replay(ReplayJob job, KafkaConsumer<byte[], byte[]> consumer) {
    CompiledView view = job.view();
    List<TopicPartition> partitions =
        consumer.partitionsFor(deadLetterTopic).stream()
            .map(p -> new TopicPartition(deadLetterTopic, p.partition()))
            .toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
    long toScan = 0;
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata from = committed.get(partition);
      long start = Math.max(from == null ? 0 : from.offset(), beginning.get(partition));
      consumer.seek(partition, start);
      toScan += Math.max(0, end.get(partition) - start);
    }
    job.toScan(toScan);
    byte[] key = view.name().getBytes(StandardCharsets.UTF_8);
    List<SourceEvent> batch = new ArrayList<>();
    while (!reachedEnd(consumer, end) && !job.cancelRequested()) {
      long scanned = 0;
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() >= end.get(partition)) {
          continue; // written after the replay began, for instance by this replay
        }
        scanned++;
        if (!Arrays.equals(key, record.key())) {
          continue;
        }
        Optional<SourceEvent> event = replayable(record.value());
        if (event.isEmpty()) {
          job.skipped();
        } else {
          batch.add(event.get());
        }
      }
      job.scanned(scanned);
      if (batch.size() >= BATCH || reachedEnd(consumer, end) || job.cancelRequested()) {
        publish(job, batch);
        batch.clear();
        consumer.commitSync(positions(consumer, end));
      }
    }
  }

  /**
   * Feeds a batch through the job's version, which counts it and dead-letters what fails again, and
   * through every older version fed now (the one serving answers with while a change is
   * backfilled): those publish only what they normalize, since the failure's letter is the job's
   * version's. Fed versions are looked up per batch: a switch during the replay is followed.
   */
  private void publish(ReplayJob job, List<SourceEvent> batch) {
    CompiledView view = job.view();
    job.published(pipeline.publish(view, "replay", pipeline.normalize(view, batch)));
    for (CompiledView fed : fedVersions.apply(view.name())) {
      if (fed.version() < view.version()) {
        List<Outcome> normalized =
            pipeline.normalize(fed, batch).stream()
                .filter(Outcome.Normalized.class::isInstance)
                .toList();
        pipeline.publish(fed, "replay", normalized);
      }
    }
  }

  /** The original event of a dead letter, if ingest can feed it again. */
  private static Optional<SourceEvent> replayable(byte[] value) {
    DeadLetter letter;
    try {
      letter = DeadLetterCodec.decode(value);
    } catch (MalformedRecordException e) {
      return Optional.empty();
    }
    if (letter.source().kind().equals("normalized")
        || letter.reason().equals(DeadLetterReason.TOO_LARGE.code())) {
      return Optional.empty();
    }
    // The original source time is not kept; the failure time is the closest known to it.
    return Optional.of(new SourceEvent(letter.original(), letter.source(), letter.failedAtMs()));
  }

  private static boolean reachedEnd(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Map<TopicPartition, OffsetAndMetadata> positions(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      long position = Math.min(consumer.position(partition.getKey()), partition.getValue());
      positions.put(partition.getKey(), new OffsetAndMetadata(position));
    }
    return positions;
  }

  private KafkaConsumer<byte[], byte[]> consumer(String view) {
    Map<String, Object> config = new HashMap<>(consumerProperties);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + ".replay." + view);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
