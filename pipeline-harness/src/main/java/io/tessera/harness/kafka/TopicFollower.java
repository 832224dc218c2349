package io.tessera.harness.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of a topic from its beginning on a thread of its own, without a consumer
 * group, and hands each record to a callback. {@link #positions()} says how far it has read: a
 * record below a position has been handed over.
 */
public final class TopicFollower implements AutoCloseable {

  private static final Duration TOPIC_WAIT = Duration.ofSeconds(90);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Consumer<ConsumerRecord<byte[], byte[]>> callback;
  private final Thread thread;
  private final Map<Integer, Long> positions = new HashMap<>();
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  public TopicFollower(
      Map<String, Object> kafkaProperties,
      String topic,
      Consumer<ConsumerRecord<byte[], byte[]>> callback) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.callback = callback;
    List<TopicPartition> partitions = partitions(topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::run, "follow-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  /** The topic's partitions, once it exists (a service creates it at start-up). */
  private List<TopicPartition> partitions(String topic) {
    long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      }
    }
    throw new IllegalStateException("topic " + topic + " did not appear in " + TOPIC_WAIT);
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          callback.accept(record);
        }
        Map<Integer, Long> now = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
          now.put(partition.partition(), consumer.position(partition));
        }
        synchronized (positions) {
          positions.putAll(now);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  /** Partition to the next offset this follower will read. */
  public Map<Integer, Long> positions() {
    if (failure != null) {
      throw new IllegalStateException("following failed", failure);
    }
    synchronized (positions) {
      return Map.copyOf(positions);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
