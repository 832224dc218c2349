package io.tessera.serving.backfill;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.records.normalized.MalformedRecordException;
import io.tessera.serving.online.ServingVersions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code backfill-status} topic from the beginning and follows it (no consumer group:
 * every serving instance needs every record), telling {@link ServingVersions} about each
 * completion. A missing topic means no backfill has completed yet; it is looked for again every
 * second.
 */
public final class BackfillStatusFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackfillStatusFollower.class);

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final ServingVersions versions;
  private final Thread poller;
  private final AtomicBoolean running = new AtomicBoolean(true);

  public BackfillStatusFollower(
      Map<String, Object> kafkaProperties, String topic, ServingVersions versions) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "serving-backfill-status");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    this.topic = topic;
    this.versions = versions;
    this.poller = new Thread(this::run, "backfill-status-" + topic);
    this.poller.setDaemon(true);
  }

  public BackfillStatusFollower start() {
    poller.start();
    return this;
  }

  private void run() {
    try {
      while (running.get() && !assign()) {
        Thread.sleep(1_000);
      }
      while (running.get()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          apply(record);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("backfill-status follower stopped", e);
    } finally {
      consumer.close();
    }
  }

  private boolean assign() {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
    if (partitions == null || partitions.isEmpty()) {
      return false;
    }
    List<TopicPartition> assigned =
        partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    return true;
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return;
    }
    try {
      BackfillStatus status =
          BackfillCodec.decodeStatus(record.value().getBytes(StandardCharsets.UTF_8));
      if (status.isCompleted()) {
        versions.backfillCompleted(status.view(), status.version());
        log.info(
            "backfill of {} v{} completed: serving may switch", status.view(), status.version());
      }
    } catch (MalformedRecordException e) {
      log.warn(
          "skipping unreadable backfill-status record at offset {}: {}",
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    poller.join(5_000);
  }
}
