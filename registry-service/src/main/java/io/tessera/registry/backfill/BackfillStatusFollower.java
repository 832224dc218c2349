package io.tessera.registry.backfill;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.normalized.MalformedRecordException;
import io.tessera.registry.RegistryProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code backfill-status} topic from the beginning and follows it into {@link
 * KnownBackfills}. No consumer group: every registry instance needs every record, and none is ever
 * committed. A missing topic is looked for again every second.
 */
@Component
public class BackfillStatusFollower implements InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BackfillStatusFollower.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final KnownBackfills known = new KnownBackfills();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private volatile RuntimeException failure;
  private final Thread poller;

  public BackfillStatusFollower(KafkaProperties kafka, RegistryProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = properties.backfillStatusTopic();
    this.poller = new Thread(this::run, "registry-backfill-status");
    this.poller.setDaemon(true);
  }

  @Override
  public void afterPropertiesSet() {
    poller.start();
  }

  /** The statuses read so far, and those this registry published itself. */
  KnownBackfills known() {
    return known;
  }

  /** Whether every status that was on the topic when it was first assigned has been read. */
  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /** Why the follower stopped following, if it did (it does not restart). */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  public String topic() {
    return topic;
  }

  /** Waits until {@link #isCaughtUp()}; false if {@code timeout} passed first. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      List<TopicPartition> partitions;
      while ((partitions = assign()).isEmpty()) {
        Thread.sleep(RETRY.toMillis());
      }
      Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          apply(record);
        }
        if (caughtUp.getCount() > 0 && reached(endOffsets)) {
          LOG.info("read the {} topic: {} backfills known", topic, known.size());
          caughtUp.countDown();
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("the {} follower stopped", topic, e);
    } finally {
      consumer.close();
    }
  }

  private List<TopicPartition> assign() {
    List<PartitionInfo> found;
    try {
      found = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return List.of();
    }
    if (found == null || found.isEmpty()) {
      return List.of();
    }
    List<TopicPartition> partitions =
        found.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return partitions;
  }

  private boolean reached(Map<TopicPartition, Long> endOffsets) {
    return endOffsets.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone: compaction's business, no backfill's status
    }
    try {
      known.put(BackfillCodec.decodeStatus(record.value()));
    } catch (MalformedRecordException e) {
      LOG.warn(
          "skipping an unreadable {} record at offset {}: {}",
          topic,
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    poller.join(5_000);
  }
}
