package io.tessera.registryclient;

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
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a small topic of records from the beginning and follows it, handing every record to a
 * listener in topic order (the backfill topics: {@link BackfillStatusFollower}, and the reports of
 * backfill scans). No consumer group: every instance needs every record, and none is ever
 * committed. A missing topic means nothing was written to it yet; it is looked for again every
 * second. An unreadable record is logged and skipped.
 *
 * @param <T> what the records are
 */
public final class TopicFollower<T> implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TopicFollower.class.getName());
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final Function<byte[], T> decoder;
  private final Consumer<T> listener;
  private final Thread poller;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile RuntimeException failure;

  /**
   * @param decoder a record's value to what it is; throws {@link MalformedRecordException} when it
   *     is not
   * @param listener called on the follower's thread with every record, in topic order
   */
  public TopicFollower(
      Map<String, Object> kafkaProperties,
      String topic,
      Function<byte[], T> decoder,
      Consumer<T> listener) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "follower-" + topic + "-" + System.nanoTime());
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.decoder = decoder;
    this.listener = listener;
    this.poller = new Thread(this::run, "follower-" + topic);
    this.poller.setDaemon(true);
  }

  public TopicFollower<T> start() {
    poller.start();
    return this;
  }

  /** Starts it and waits until it has caught up, or {@code wait} is spent (logged). */
  public TopicFollower<T> startCaughtUp(Duration wait) throws InterruptedException {
    start();
    if (!awaitCaughtUp(wait)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the {0} topic was not read within {1}; going on with what is known",
          topic,
          wait);
    }
    return this;
  }

  public String topic() {
    return topic;
  }

  /**
   * Waits until the records on the topic when the follower started were handed over (at once when
   * the topic does not exist yet).
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
        caughtUp.countDown(); // no topic: nothing was written to it yet
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
      return; // a tombstone: compaction's business, not a record
    }
    T decoded;
    try {
      decoded = decoder.apply(record.value());
    } catch (MalformedRecordException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "skipping an unreadable {0} record at offset {1}: {2}",
          topic,
          record.offset(),
          e.getMessage());
      return;
    }
    listener.accept(decoded);
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    poller.join(5_000);
  }
}
