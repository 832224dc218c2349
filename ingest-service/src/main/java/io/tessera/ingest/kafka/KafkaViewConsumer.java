package io.tessera.ingest.kafka;

import io.tessera.definitions.view.KafkaSource;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.normalize.SourceEvent;
import io.tessera.ingest.pipeline.IngestMetrics;
import io.tessera.ingest.pipeline.IngestPipeline;
import io.tessera.ingest.pipeline.RecordPublisher.PublishFailedException;
import io.tessera.ingest.views.SourceConsumer;
import io.tessera.records.deadletter.SourcePosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 * through the {@link IngestPipeline}; its offsets are committed synchronously only after every
 * resulting record was acknowledged. When publishing fails, the batch is read again.
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
  private final Thread thread;
  private volatile boolean running = true;

  KafkaViewConsumer(
      CompiledView view,
      Map<String, Object> consumerProperties,
      IngestPipeline pipeline,
      IngestMetrics metrics,
      Duration retryBackoff) {
    this.view = view;
    this.topic = ((KafkaSource) view.definition().source()).topic();
    this.consumer =
        new KafkaConsumer<>(
            consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.pipeline = pipeline;
    this.metrics = metrics;
    this.retryBackoff = retryBackoff;
    this.thread = new Thread(this::run, "ingest-kafka-" + view.label());
    this.thread.setDaemon(true);
  }

  KafkaViewConsumer start() {
    consumer.subscribe(List.of(topic));
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
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
          continue; // close() was called: the loop condition ends it
        }
        if (!records.isEmpty()) {
          handle(records);
        }
        recordLag();
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "the consumer of " + view.label() + " stopped", e);
    } finally {
      running = false;
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void handle(ConsumerRecords<byte[], byte[]> records) {
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
    try {
      pipeline.process(view, events);
    } catch (PublishFailedException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "publishing a batch of " + view.label() + " failed; reading it again",
          e);
      first.forEach(consumer::seek);
      sleep(retryBackoff);
      return;
    }
    commit(next);
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
    } catch (WakeupException e) {
      // close() interrupted the commit; these records are published, so commit them still.
      consumer.commitSync(offsets);
    } catch (KafkaException e) {
      // A rebalance took the partitions: their new owner reads the batch again, under the same
      // event ids, which downstream de-duplication absorbs.
      LOG.log(System.Logger.Level.WARNING, "commit of " + view.label() + " failed: " + e);
    }
  }

  private void recordLag() {
    long lag = 0;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong behind = consumer.currentLag(partition);
      lag += behind.orElse(0);
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
