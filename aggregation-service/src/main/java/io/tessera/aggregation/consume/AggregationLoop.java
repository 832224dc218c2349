package io.tessera.aggregation.consume;

import io.tessera.aggregation.metrics.AggregationMetrics;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The one consumer thread of an instance: poll, append the batch ({@link BatchAppender}, which
 * returns once Cassandra and the dead-letter topic acknowledged it), commit those offsets, and run
 * a compaction pass when one is due. Everything an entity goes through happens here in sequence, so
 * its appends and compaction steps never overlap.
 *
 * <p>Exactly-once effect: offsets are committed only after the writes they cover; anything after
 * the last commit is read again after a crash or rebalance, and the event ids absorb it. On a
 * failure the loop forgets all in-memory state, rewinds to the committed offsets and goes on.
 */
public final class AggregationLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(AggregationLoop.class.getName());

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final BatchAppender appender;
  private final EntityStates states;
  private final StreamClock streamClock;
  private final BiConsumer<EntityStates, Long> compactionPass;
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
      StreamClock streamClock,
      BiConsumer<EntityStates, Long> compactionPass,
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
    this.streamClock = streamClock;
    this.compactionPass = compactionPass;
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
              consumer.commitSync(outcome.commit());
              advanceStreamTime(records, outcome.commit());
            }
            outcome.blockedAt().forEach(consumer::seek);
            if (!outcome.blockedAt().isEmpty()) {
              LOG.log(System.Logger.Level.INFO, "waiting for the registry to know a view");
              Thread.sleep(retryBackoff.toMillis());
            }
          }
          if (clock.millis() >= nextPassMs) {
            compactionPass.accept(states, clock.millis());
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
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void rewind() {
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

  /** Stream time follows the records that are now applied and committed. */
  private void advanceStreamTime(
      ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, OffsetAndMetadata> committed) {
    committed.forEach(
        (partition, next) -> {
          for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
            if (record.offset() < next.offset()) {
              streamClock.advance(partition.partition(), record.timestamp());
            }
          }
        });
  }

  private void reportLag() {
    for (TopicPartition partition : consumer.assignment()) {
      consumer
          .currentLag(partition)
          .ifPresent(
              lag -> {
                metrics.lag(partition.partition(), lag);
                if (lag == 0) {
                  streamClock.caughtUp(partition.partition(), clock.millis());
                }
              });
    }
  }

  /** Stops after the current batch; the thread closes the consumer (leaving the group). */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Offsets are committed after every batch; only the in-memory state must go.
      states.dropPartitions(numbers(partitions));
      streamClock.forget(numbers(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      states.dropPartitions(numbers(partitions));
      streamClock.forget(numbers(partitions));
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
