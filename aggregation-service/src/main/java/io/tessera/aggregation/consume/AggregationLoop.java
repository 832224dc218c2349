package io.tessera.aggregation.consume;

import io.tessera.aggregation.metrics.AggregationMetrics;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The one consumer thread of an instance: poll, apply the batch ({@link BatchAppender}: its events
 * go into the log and their tiles, and it returns once Cassandra and the dead-letter topic
 * acknowledged them), commit those offsets (asynchronously: the next poll does not wait for the
 * commit), and run a compaction pass for idle entities when one is due. The pass computes its steps
 * in memory and leaves their store writes in flight while the loop polls and applies again (see
 * {@link Compaction}). No two steps of an entity overlap: all run while the loop waits for them.
 *
 * <p>Exactly-once effect: offsets are committed only after the writes they cover; anything after
 * the last commit is read again after a crash or rebalance, and the event ids absorb it. A commit
 * that fails only means records read again. On a failure the loop waits for the writes in flight,
 * forgets all in-memory state, rewinds to the committed offsets and goes on.
 */
public final class AggregationLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(AggregationLoop.class.getName());

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final BatchAppender appender;
  private final EntityStates states;
  private final WatermarkClock watermarks;
  private final Compaction compaction;
  private final AggregationMetrics metrics;
  private final Duration compactionInterval;
  private final Duration retryBackoff;
  private final InstantSource clock;
  private volatile boolean running = true;

  public AggregationLoop(
      Map<String, Object> kafkaProperties,
      String topic,
      String group,
      int maxPollRecords,
      BatchAppender appender,
      EntityStates states,
      WatermarkClock watermarks,
      Compaction compaction,
      AggregationMetrics metrics,
      Duration compactionInterval,
      Duration retryBackoff,
      InstantSource clock) {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.appender = appender;
    this.states = states;
    this.watermarks = watermarks;
    this.compaction = compaction;
    this.metrics = metrics;
    this.compactionInterval = compactionInterval;
    this.retryBackoff = retryBackoff;
    this.clock = clock;
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic), new Rebalance());
    long nextPassMs = 0;
    try {
      while (running) {
        try {
          long waitMs = Math.max(1, Math.min(100, nextPassMs - clock.millis()));
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(waitMs));
          if (!records.isEmpty()) {
            BatchAppender.Outcome outcome = appender.process(records);
            if (!outcome.commit().isEmpty()) {
              consumer.commitAsync(outcome.commit(), this::onCommitted);
            }
            // After the batch's events are applied: a watermark covers the events before it.
            outcome
                .watermarks()
                .forEach(w -> watermarks.apply(w.partition(), w.record(), w.storageName()));
            outcome.blockedAt().forEach(consumer::seek);
            if (!outcome.blockedAt().isEmpty()) {
              LOG.log(System.Logger.Level.INFO, "waiting for the registry to know a view");
              Thread.sleep(retryBackoff.toMillis());
            }
          }
          if (clock.millis() >= nextPassMs) {
            compaction.runPass(states, clock.millis());
            states.count();
            nextPassMs = clock.millis() + compactionInterval.toMillis();
          }
          reportLag();
        } catch (WakeupException e) {
          // close() was called: the while condition ends the loop
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "batch failed; rewinding to committed offsets", e);
          rewind();
        }
      }
    } finally {
      compaction.awaitWrites(); // the next owner of the partitions reads what they wrote
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
    if (error != null) {
      // Harmless for the effect: the records are read again and their ids absorb them.
      LOG.log(
          System.Logger.Level.WARNING, "offset commit failed; records will be read again", error);
    }
  }

  private void rewind() {
    compaction.awaitWrites();
    states.clear(); // its ids may name events whose writes failed
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    for (TopicPartition partition : assigned) {
      OffsetAndMetadata offset = committed.get(partition);
      if (offset != null) {
        consumer.seek(partition, offset);
      } else {
        consumer.seekToBeginning(List.of(partition));
      }
    }
    try {
      Thread.sleep(retryBackoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void reportLag() {
    for (TopicPartition partition : consumer.assignment()) {
      consumer.currentLag(partition).ifPresent(lag -> metrics.lag(partition.partition(), lag));
    }
    watermarks.lowestByLineage().forEach(metrics::watermark);
  }

  /** Stops after the current batch; the thread closes the consumer (leaving the group). */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Offsets are committed after every batch (a failed async commit only means a re-read); the
      // compaction writes in flight must land before the next owner loads the entities.
      compaction.awaitWrites();
      states.dropPartitions(numbers(partitions));
      watermarks.forget(numbers(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      states.dropPartitions(numbers(partitions));
      watermarks.forget(numbers(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      states.dropPartitions(numbers(partitions));
      states.resume(numbers(partitions));
    }

    private Set<Integer> numbers(Collection<TopicPartition> partitions) {
      return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    }
  }
}
