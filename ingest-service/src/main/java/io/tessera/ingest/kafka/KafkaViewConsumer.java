package io.tessera.ingest.kafka;

import io.tessera.definitions.view.KafkaSource;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.ingest.pipeline.BatchResult;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.pipeline.RecordPublisher.PublishFailedException;
import io.tessera.ingest.views.SourceConsumer;
import io.tessera.ingest.watermark.InstanceWatermarks;
import io.tessera.ingest.watermark.SourceWatermark;
import io.tessera.records.deadletter.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumes one view version's Kafka topic on its own thread, in the view version's consumer group
 * (so several ingest instances split the partitions). Each polled batch is normalized and published
 * through the {@link IngestPipeline}; its offsets are committed only after every resulting record
 * was acknowledged. When publishing fails, the batch is read again. Commits are asynchronous: a
 * synchronous one cost the loop a broker round trip per batch, which every event's freshness paid;
 * the last published offsets are committed synchronously when partitions are revoked and when the
 * consumer closes, so a clean hand-over reads nothing twice (a lost commit only makes the next
 * owner publish a batch again, under the same event ids, which downstream de-duplication absorbs).
 *
 * <p>It reports to its {@link SourceWatermark}, per assigned partition, the newest event time
 * published, and whether the partition is fully read (lag 0 after the batch was published).
 */
final class KafkaViewConsumer implements SourceConsumer {

  private static final System.Logger LOG = System.getLogger(KafkaViewConsumer.class.getName());
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final CompiledView view;
  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final IngestPipeline pipeline;
  private final IngestMetrics metrics;
  private final Duration retryBackoff;
  private final InstanceWatermarks watermarks;
  private final SourceWatermark watermark;
  private final Thread thread;
  private volatile boolean running = true;

  /** Per assigned partition, the next offset after what was published (and maybe committed). */
  private final Map<TopicPartition, OffsetAndMetadata> published = new HashMap<>();

  /** When the poll before the last one began: see {@link #recordProgress}. */
  private long previousPollStartMs = Long.MIN_VALUE;

  KafkaViewConsumer(
      CompiledView view,
      Map<String, Object> consumerProperties,
      IngestPipeline pipeline,
      IngestMetrics metrics,
      Duration retryBackoff,
      InstanceWatermarks watermarks) {
    this.view = view;
    this.topic = ((KafkaSource) view.definition().source()).topic();
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.retryBackoff = retryBackoff;
    this.watermarks = watermarks;
    this.watermark = watermarks.register(view.name(), view.version());
    this.thread = new Thread(this::run, "ingest-kafka-" + view.label());
    this.thread.setDaemon(true);
  }

  KafkaViewConsumer start() {
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          // Called on this consumer's thread, inside poll, between batches: whatever was read
          // from a revoked partition is published by then.
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitPublished(partitions);
            partitions.forEach(p -> watermark.revoked(Integer.toString(p.partition())));
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> watermark.assigned(Integer.toString(p.partition())));
          }
        });
    thread.start();
    return this;
  }

  @Override
  public boolean isRunning() {
    return running && thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofMinutes(1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (running) {
        long pollStartMs = System.currentTimeMillis();
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
          continue; // close() was called: the loop condition ends it
        }
        boolean published = records.isEmpty() || handle(records);
        recordProgress(published);
        previousPollStartMs = pollStartMs;
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "the consumer of " + view.label() + " stopped", e);
    } finally {
      running = false;
      watermarks.unregister(watermark);
      commitPublished(List.copyOf(published.keySet()));
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /**
   * @return whether the batch was published (and its offsets committed or attempted)
   */
  private boolean handle(ConsumerRecords<byte[], byte[]> records) {
    List<SourceEvent> events = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      first.putIfAbsent(partition, record.offset());
      next.put(partition, new OffsetAndMetadata(record.offset() + 1));
      events.add(
          new SourceEvent(
              record.value(),
              new SourcePosition(
                  "kafka",
                  record.topic(),
                  Integer.toString(record.partition()),
                  Long.toString(record.offset())),
              record.timestamp()));
    }
    BatchResult result;
    try {
      result = pipeline.process(view, events);
    } catch (PublishFailedException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "publishing a batch of " + view.label() + " failed; reading it again",
          e);
      first.forEach(consumer::seek);
      sleep(retryBackoff);
      return false;
    }
    result.newestEventMs().forEach(watermark::published);
    commit(next);
    return true;
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    published.putAll(offsets);
    consumer.commitAsync(
        offsets,
        (committed, e) -> {
          if (e != null) {
            // a later commit, the revocation's or the close's covers these offsets; if none
            // comes, the partitions' next owner publishes the batch again (same event ids)
            LOG.log(System.Logger.Level.INFO, "commit of " + view.label() + " failed: " + e);
          }
        });
  }

  /** Commits, and waits for, what was published from {@code partitions}; forgets them. */
  private void commitPublished(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata next = published.remove(partition);
      if (next != null) {
        offsets.put(partition, next);
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      // close() interrupted the commit; these records are published, so commit them still.
      consumer.commitSync(offsets);
    } catch (KafkaException e) {
      // the group moved on without us: the new owner publishes the batch again (same event ids)
      LOG.log(System.Logger.Level.WARNING, "commit of " + view.label() + " failed: " + e);
    }
  }

  /**
   * Lag metric and watermark progress, after the polled batch was handled. A partition at lag 0 is
   * fully read as of the start of the <em>previous</em> poll: its end offset came from a fetch sent
   * no earlier than that (fetches are pipelined one poll ahead), so every record written before
   * then has been read and published.
   */
  private void recordProgress(boolean published) {
    long lag = 0;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong behind = consumer.currentLag(partition);
      lag += behind.orElse(0);
      String name = Integer.toString(partition.partition());
      if (published
          && previousPollStartMs != Long.MIN_VALUE
          && behind.isPresent()
          && behind.getAsLong() == 0) {
        watermark.fullyRead(name, previousPollStartMs);
      } else {
        watermark.behind(name);
      }
    }
    metrics.kafkaLag(view.name(), lag);
  }

  private void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
