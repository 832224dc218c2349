package io.tessera.registryclient;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.records.normalized.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the {@code backfill-status} topic from the beginning and follows it (no consumer group:
 * every instance needs every record), recording each completion in {@link BackfillCompletions}.
 * Serving decides from them which version answers; ingest, which versions it feeds. A missing topic
 * means no backfill has completed yet; it is looked for again every second.
 */
public final class BackfillStatusFollower implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BackfillStatusFollower.class.getName());

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final BackfillCompletions completions;
  private final Thread poller;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private Map<TopicPartition, Long> endsAtStart = Map.of(); // poller thread only

  public BackfillStatusFollower(
      Map<String, Object> kafkaProperties, String topic, BackfillCompletions completions) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "backfill-status-" + System.nanoTime());
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    this.topic = topic;
    this.completions = completions;
    this.poller = new Thread(this::run, "backfill-status-" + topic);
    this.poller.setDaemon(true);
  }

  public BackfillStatusFollower start() {
    poller.start();
    return this;
  }

  /**
   * Waits until the completions published before the follower started are known (at once when the
   * topic does not exist yet: nothing has completed). A service that decides versions waits for
   * this before it starts, so a restart never goes back to an older version for a moment.
   *
   * @return false if the timeout passed first
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  private void run() {
    try {
      while (running.get() && !assign()) {
        caughtUp.countDown(); // no topic: no completion exists yet
        Thread.sleep(1_000);
      }
      while (running.get()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          apply(record);
        }
        if (caughtUp.getCount() > 0
            && endsAtStart.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "backfill-status follower stopped", e);
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
    endsAtStart = consumer.endOffsets(assigned);
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
        if (completions.completed(status.view(), status.version())) {
          LOG.log(
              System.Logger.Level.INFO,
              "backfill of {0} v{1} completed: the version may serve",
              status.view(),
              status.version());
        }
      }
    } catch (MalformedRecordException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "skipping unreadable backfill-status record at offset {0}: {1}",
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
