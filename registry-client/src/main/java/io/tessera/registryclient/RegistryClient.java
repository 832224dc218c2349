package io.tessera.registryclient;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Keeps a {@link RegistrySnapshot} of the feature-definitions topic: reads it from the beginning,
 * then follows it, on one daemon thread with its own consumer (partitions assigned, no consumer
 * group, no commits: every client reads everything). New records reach the snapshot and the
 * listeners within about {@link #POLL_TIMEOUT} of their arrival at the broker. Nothing here calls
 * the registry-service, so the snapshot stays and follows the topic while it is down.
 *
 * <pre>{@code
 * try (RegistryClient registry = new RegistryClient(kafkaProperties, "feature-definitions")) {
 *   registry.addListener(listener);
 *   registry.start();
 *   registry.awaitCaughtUp(Duration.ofSeconds(30));
 *   registry.snapshot().latestView("user_transactions");
 * }
 * }</pre>
 */
public final class RegistryClient implements AutoCloseable {

  /** The topic the registry-service publishes to unless configured otherwise. */
  public static final String DEFAULT_TOPIC = "feature-definitions";

  /** How long one poll waits for records: bounds how late a listener hears of a new version. */
  static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  /** How long to wait before looking again for a topic that does not exist yet, or after errors. */
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(RegistryClient.class.getName());

  private final String topic;
  private final KafkaConsumer<String, String> consumer;
  private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread poller;
  private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;
  private volatile boolean running = true;
  private Map<TopicPartition, Long> endOffsetsAtStart = Map.of();

  /**
   * A client that is not yet reading; call {@link #start()}.
   *
   * @param kafkaProperties how to reach the cluster (at least {@code bootstrap.servers}); the
   *     client sets its own deserializers and turns off group management and auto-commit
   * @param topic the feature-definitions topic
   */
  public RegistryClient(Map<String, Object> kafkaProperties, String topic) {
    this.topic = Objects.requireNonNull(topic, "topic");
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // A missing topic must stay missing: auto-creation would make it without compaction.
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "registry-client-" + topic);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    this.poller = new Thread(this::run, "registry-client-" + topic);
    this.poller.setDaemon(true);
  }

  /** Starts reading from the beginning of the topic. */
  public RegistryClient start() {
    poller.start();
    return this;
  }

  /** The registry as of the last record read. Never null; empty before the first records. */
  public RegistrySnapshot snapshot() {
    return snapshot;
  }

  /** Adds a listener; see {@link RegistryListener} for which records it hears. */
  public void addListener(RegistryListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(RegistryListener listener) {
    listeners.remove(listener);
  }

  /**
   * Waits until the snapshot holds everything the topic held when the client started (its end
   * offsets then), or immediately if the topic does not exist.
   *
   * @return whether it caught up within {@code timeout}
   */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  public String topic() {
    return topic;
  }

  /** Stops reading and closes the consumer; the last snapshot stays readable. */
  @Override
  public void close() {
    running = false;
    if (poller.getState() == Thread.State.NEW) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    if (Thread.currentThread() != poller) {
      try {
        poller.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      while (running) {
        try {
          if (consumer.assignment().isEmpty() && !assign()) {
            sleep(RETRY_DELAY);
            continue;
          }
          apply(consumer.poll(POLL_TIMEOUT));
          checkCaughtUp();
        } catch (WakeupException e) {
          // close() was called; the loop condition ends it
        } catch (KafkaException e) {
          LOG.log(Level.WARNING, "reading " + topic + " failed; retrying: " + e);
          sleep(RETRY_DELAY);
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Assigns every partition of the topic from its beginning; false if the topic is missing. */
  private boolean assign() {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, RETRY_DELAY.multipliedBy(5));
    if (partitions == null || partitions.isEmpty()) {
      // Nothing to catch up with: the registry has published nothing yet.
      caughtUp.countDown();
      return false;
    }
    List<TopicPartition> assigned =
        partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    endOffsetsAtStart = consumer.endOffsets(assigned);
    return true;
  }

  private void apply(ConsumerRecords<String, String> records) {
    for (ConsumerRecord<String, String> consumed : records) {
      TopicRecord record;
      RegistrySnapshot next;
      try {
        record = RecordCodec.decode(consumed.key(), consumed.value());
        next = snapshot.with(record);
      } catch (IllegalArgumentException e) {
        LOG.log(
            Level.WARNING,
            "skipping unreadable record at " + topic + "@" + consumed.offset() + ": " + e);
        continue;
      }
      if (next == snapshot) {
        continue;
      }
      snapshot = next;
      notifyListeners(record, next);
    }
  }

  private void notifyListeners(TopicRecord record, RegistrySnapshot next) {
    for (RegistryListener listener : listeners) {
      try {
        if (record instanceof VersionRecord version) {
          listener.onVersion(
              version.kind() == DefinitionKind.VIEW
                  ? next.view(version.name(), version.version()).orElseThrow()
                  : next.service(version.name(), version.version()).orElseThrow(),
              next);
        } else {
          listener.onDeletion((DeletionRecord) record, next);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "registry listener " + listener + " failed", e);
      }
    }
  }

  private void checkCaughtUp() {
    if (isCaughtUp()) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> end : endOffsetsAtStart.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return;
      }
    }
    caughtUp.countDown();
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
