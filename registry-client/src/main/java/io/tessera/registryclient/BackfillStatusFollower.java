package io.tessera.registryclient;

import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.records.normalized.MalformedRecordException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the {@code backfill-status} topic from the beginning and follows it, handing every status
 * to a listener: serving and ingest record completions ({@link BackfillCompletions#recorder()}),
 * which decide which versions serve and are fed; the registry keeps every status for its API. No
 * consumer group: every instance needs every record, and none is ever committed. A missing topic
 * means no backfill has any status yet; it is looked for again every second.
 */
public final class BackfillStatusFollower implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BackfillStatusFollower.class.getName());
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Consumer<BackfillStatus> listener;
  private final Thread poller;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile RuntimeException failure;

  /**
   * @param listener called on the follower's thread with every status, in topic order
   */
  public BackfillStatusFollower(
      Map<String, Object> kafkaProperties, String topic, Consumer<BackfillStatus> listener) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "backfill-status-" + System.nanoTime());
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.listener = listener;
    this.poller = new Thread(this::run, "backfill-status-" + topic);
    this.poller.setDaemon(true);
  }

  public BackfillStatusFollower start() {
    poller.start();
    return this;
  }

  /**
   * A follower started and caught up (or {@code wait} spent): what a service that decides versions
   * from completions builds before it decides any, so a restart never goes back a version.
   */
  public static BackfillStatusFollower startCaughtUp(
      Map<String, Object> kafkaProperties,
      String topic,
      Consumer<BackfillStatus> listener,
      Duration wait)
      throws InterruptedException {
    BackfillStatusFollower follower =
        new BackfillStatusFollower(kafkaProperties, topic, listener).start();
    if (!follower.awaitCaughtUp(wait)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the {0} topic was not read within {1}; going on with what is known",
          topic,
          wait);
    }
    return follower;
  }

  public String topic() {
    return topic;
  }

  /**
   * Waits until the statuses on the topic when the follower started were handed over (at once when
   * the topic does not exist yet). A service that decides versions from them waits for this before
   * it starts, so a restart never goes back to an older version for a moment.
   *
   * @return false if the timeout passed first
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  /** Why the follower stopped following, if it did (it does not restart). */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  private void run() {
    try {
      List<TopicPartition> partitions;
      while ((partitions = assign()).isEmpty()) {
        caughtUp.countDown(); // no topic: no backfill has a status yet
        if (!running.get()) {
          return;
        }
        Thread.sleep(RETRY.toMillis());
      }
      Map<TopicPartition, Long> endsAtStart = consumer.endOffsets(partitions);
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
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
      failure = e;
      LOG.log(System.Logger.Level.ERROR, "the " + topic + " follower stopped", e);
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

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return; // a tombstone: compaction's business, no backfill's status
    }
    BackfillStatus status;
    try {
      status = BackfillCodec.decodeStatus(record.value());
    } catch (MalformedRecordException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "skipping an unreadable {0} record at offset {1}: {2}",
          topic,
          record.offset(),
          e.getMessage());
      return;
    }
    listener.accept(status);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    poller.join(5_000);
  }
}
