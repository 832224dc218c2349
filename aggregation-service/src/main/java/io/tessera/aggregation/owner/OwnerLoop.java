package io.tessera.aggregation.owner;

import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.Role;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * The one consumer thread of the owner. On assignment a partition is restored from its checkpoint
 * in the store and read from the checkpoint's {@code nextOffset}; each record goes through {@link
 * OwnedPartition#process}, which never waits for Cassandra: seals become write jobs chained per
 * partition. Each iteration commits the {@code nextOffset} of every checkpoint that became durable,
 * checkpoints idle partitions whose position moved, pauses partitions whose job chain is too long
 * and resumes them (and held ones) when due.
 *
 * <p>Memory is bounded by the context's {@link io.tessera.engine.open.OpenStateBudget}, shared by
 * every owned partition: past it raw events spill to files. Not by pausing: a paused partition
 * would also stop reading its watermark records, which are what seals and so frees its state.
 *
 * <p>A failed job (a store or broker error) restarts its partition from the stored checkpoint: the
 * state is a pure function of the log, so the replay rewrites the same rows.
 */
public final class OwnerLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(OwnerLoop.class.getName());

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final OwnerContext context;
  private final OwnerSettings settings;
  private final Map<TopicPartition, OwnedPartition> owned = new ConcurrentHashMap<>();
  private final PartitionPauses pauses;
  private volatile boolean running = true;

  public OwnerLoop(
      Map<String, Object> kafkaProperties, String topic, String group, OwnerContext context) {
    this.settings = context.settings();
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    this.consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.context = context;
    this.pauses = new PartitionPauses(consumer);
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic), new Rebalance());
    long nextCheckpointMs = 0;
    try {
      while (running) {
        try {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
          for (TopicPartition partition : records.partitions()) {
            process(partition, records.records(partition));
          }
          long nowMs = context.clock().millis();
          if (nowMs >= nextCheckpointMs) {
            owned.values().forEach(OwnedPartition::checkpointIfIdle);
            nextCheckpointMs = nowMs + settings.checkpointInterval().toMillis();
          }
          restartFailed();
          commitDurable();
          pauses.pace(
              partition -> {
                OwnedPartition state = owned.get(partition);
                return state == null || state.backlogged() || state.holding(nowMs);
              });
          reportLag();
        } catch (WakeupException e) {
          // stop() was called: the while condition ends the loop
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "owner loop failed; restarting from checkpoints", e);
          restartAll();
        }
      }
    } finally {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (Map.Entry<TopicPartition, OwnedPartition> entry : owned.entrySet()) {
        entry.getValue().drain(true);
        long next = entry.getValue().takeCommit();
        if (next >= 0) {
          offsets.put(entry.getKey(), new OffsetAndMetadata(next));
        }
      }
      owned.clear();
      commitQuietly(offsets);
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void process(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
    OwnedPartition state = owned.get(partition);
    if (state == null || state.failure() != null) {
      return; // not restored yet, or restarting: it is sought to its checkpoint then
    }
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (state.process(record) == OwnedPartition.Step.HOLD) {
        consumer.seek(partition, record.offset());
        pauses.pause(partition);
        return;
      }
    }
  }

  /** Commits, per partition, the {@code nextOffset} of its newest durable checkpoint. */
  private void commitDurable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    owned.forEach(
        (partition, state) -> {
          long next = state.takeCommit();
          if (next >= 0) {
            offsets.put(partition, new OffsetAndMetadata(next));
          }
        });
    if (!offsets.isEmpty()) {
      consumer.commitAsync(
          offsets,
          (committed, error) -> {
            if (error != null) {
              // Harmless: a restart reads from the checkpoint in the store, not from this offset.
              LOG.log(System.Logger.Level.DEBUG, "offset commit failed", error);
            }
          });
    }
  }

  private void restartFailed() {
    for (Map.Entry<TopicPartition, OwnedPartition> entry : List.copyOf(owned.entrySet())) {
      Throwable failure = entry.getValue().failure();
      if (failure != null) {
        LOG.log(
            System.Logger.Level.WARNING,
            "write job of " + entry.getKey() + " failed; restarting it from its checkpoint",
            failure);
        entry.getValue().drain(false);
        entry.getValue().release();
        owned.remove(entry.getKey());
        sleep(settings.retryBackoff());
        restore(entry.getKey());
      }
    }
    for (TopicPartition partition : consumer.assignment()) {
      if (!owned.containsKey(partition)) {
        restore(partition); // a restore that failed before
      }
    }
  }

  /**
   * Forgets every partition's state (once its jobs in flight are done) and restores them from their
   * checkpoints: state is a pure function of the log, so nothing is lost but time.
   */
  private void restartAll() {
    for (OwnedPartition state : owned.values()) {
      state.drain(false);
      state.release();
    }
    owned.clear();
    sleep(settings.retryBackoff());
    for (TopicPartition partition : consumer.assignment()) {
      restore(partition);
    }
  }

  /** Restores the partition from its checkpoint and seeks to where its replay starts. */
  private void restore(TopicPartition partition) {
    Optional<PartitionCheckpoint> checkpoint;
    try {
      checkpoint =
          context
              .store()
              .readCheckpoint(topic, partition.partition())
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read the checkpoint of " + partition, e);
      pauses.pause(partition); // retried by the next iteration
      return;
    }
    PartitionState state =
        PartitionState.start(
            topic,
            partition.partition(),
            Role.OWNER,
            context.lineages(),
            settings.limits(),
            settings.publisherExpiryMs(),
            checkpoint,
            context.budget());
    long startOffset = PartitionState.startOffset(checkpoint);
    long restoredPosition = checkpoint.map(PartitionCheckpoint::positionOffset).orElse(0L);
    owned.put(partition, new OwnedPartition(topic, state, startOffset, restoredPosition, context));
    consumer.seek(partition, startOffset);
    LOG.log(
        System.Logger.Level.INFO,
        "owning "
            + partition
            + " from offset "
            + startOffset
            + " (position "
            + restoredPosition
            + ")");
  }

  private void reportLag() {
    for (TopicPartition partition : consumer.assignment()) {
      consumer
          .currentLag(partition)
          .ifPresent(lag -> context.metrics().lag(partition.partition(), lag));
    }
  }

  private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "final offset commit failed", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops after the current poll; the thread drains, checkpoints and leaves the group. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      pauses.forget(partitions);
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (TopicPartition partition : partitions) {
        OwnedPartition state = owned.remove(partition);
        if (state != null && state.drain(true)) {
          long next = state.takeCommit();
          if (next >= 0) {
            offsets.put(partition, new OffsetAndMetadata(next));
          }
        }
        if (state != null) {
          state.release();
        }
      }
      commitQuietly(offsets);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      pauses.forget(partitions);
      for (TopicPartition partition : partitions) {
        OwnedPartition state = owned.remove(partition);
        if (state != null) {
          state.drain(false); // another owner has it: no checkpoint, no commit
          state.release();
        }
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      pauses.forget(partitions);
      for (TopicPartition partition : partitions) {
        restore(partition);
      }
    }
  }
}
