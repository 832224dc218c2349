package io.tessera.serving.follow;

import io.micrometer.core.instrument.MeterRegistry;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.streamcore.lineage.Lineages;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows every partition of the normalized topic on one thread, as a replica in the {@link
 * Role#FOLLOWER} role: assigned (not subscribed: every serving instance follows all partitions, no
 * group), {@code read_committed}, each partition restored from the owner's checkpoint and read from
 * its {@code nextOffset}. Every record is applied in offset order; the outcomes are only counted
 * (the owner writes and dead-letters). An event of a view the registry has not delivered yet is
 * applied again after a short backoff, a bounded number of times, then skipped as {@code
 * unknown_view} (the owner dead-letters it); later events of that view version are tried once each
 * until the registry knows it.
 *
 * <p>Caught up means every partition's position reached the end offset it had when the follower
 * started; {@code onCaughtUp} runs once then, on the loop's thread. Request threads read the
 * partition states ({@link #partition}); {@link PartitionState} makes that safe.
 */
public final class PartitionFollower implements Runnable {
  private static final System.Logger LOG = System.getLogger(PartitionFollower.class.getName());
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

  private final Map<String, Object> consumerConfig;
  private final String topic;
  private final SealedStore store;
  private final Lineages lineages;
  private final long publisherExpiryMs;
  private final int unknownViewRetries;
  private final Duration unknownViewBackoff;
  private final Duration pollTimeout;
  private final long markerSettleMs;
  private final FollowerMeters meters;
  private final OpenStateBudget budget;
  private final Runnable onCaughtUp;
  private final Set<String> givenUp = new HashSet<>(); // loop thread only
  private long watermarksPublishedMs; // loop thread only
  private long markersSettledMs; // loop thread only

  private volatile PartitionState[] states = new PartitionState[0];
  private volatile boolean caughtUp;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  /**
   * @param consumerConfig the Kafka client settings (bootstrap servers and the like)
   * @param markerSettle how often held-back seal markers settle ({@link
   *     PartitionState#settleMarkers}): what the newest marker made durable is read from memory for
   *     one to two of these when no next marker comes
   * @param budget the heap the followed partitions' open state may hold before raw events spill
   * @param onCaughtUp runs once, when the follower has caught up
   */
  public PartitionFollower(
      Map<String, Object> consumerConfig,
      String topic,
      SealedStore store,
      Lineages lineages,
      long publisherExpiryMs,
      int unknownViewRetries,
      Duration unknownViewBackoff,
      Duration pollTimeout,
      Duration markerSettle,
      MeterRegistry meters,
      OpenStateBudget budget,
      Runnable onCaughtUp) {
    this.consumerConfig = new HashMap<>(consumerConfig);
    this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned: no group, no commits
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.topic = topic;
    this.store = store;
    this.lineages = lineages;
    this.publisherExpiryMs = publisherExpiryMs;
    this.unknownViewRetries = unknownViewRetries;
    this.unknownViewBackoff = unknownViewBackoff;
    this.pollTimeout = pollTimeout;
    this.markerSettleMs = markerSettle.toMillis();
    this.meters = new FollowerMeters(meters, budget, this, PartitionFollower::openBytes);
    this.budget = budget;
    this.onCaughtUp = onCaughtUp;
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> kafka =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = kafka;
      List<TopicPartition> assigned = awaitPartitions(kafka);
      if (assigned.isEmpty()) {
        return; // stopped while waiting for the topic
      }
      Map<TopicPartition, Long> targets = start(kafka, assigned);
      while (running) {
        ConsumerRecords<byte[], byte[]> records = kafka.poll(pollTimeout);
        for (TopicPartition partition : records.partitions()) {
          PartitionState state = states[partition.partition()];
          for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
            apply(state, record);
          }
        }
        progress(kafka, assigned, targets);
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      consumer = null;
      for (PartitionState state : states) {
        state.release();
      }
    }
  }

  /** Stops the loop; it ends within a poll. */
  public void stop() {
    running = false;
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }

  private List<TopicPartition> awaitPartitions(KafkaConsumer<byte[], byte[]> kafka) {
    while (running) {
      List<PartitionInfo> infos = kafka.partitionsFor(topic);
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < infos.size(); p++) {
          partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
      }
      LOG.log(System.Logger.Level.WARNING, "waiting for topic {0} to exist", topic);
      sleep(TOPIC_WAIT);
    }
    return List.of();
  }

  /**
   * Restores every partition from its checkpoint, seeks there, and returns the end offsets to catch
   * up with.
   */
  private Map<TopicPartition, Long> start(
      KafkaConsumer<byte[], byte[]> kafka, List<TopicPartition> assigned) {
    PartitionState[] started = new PartitionState[assigned.size()];
    long[] startOffsets = new long[assigned.size()];
    long[] lagsAtStart = new long[assigned.size()];
    kafka.assign(assigned);
    Map<TopicPartition, Long> targets = kafka.endOffsets(assigned);
    for (TopicPartition partition : assigned) {
      int p = partition.partition();
      Optional<PartitionCheckpoint> checkpoint =
          store.readCheckpoint(topic, p).toCompletableFuture().join();
      started[p] =
          PartitionState.start(
              topic,
              p,
              Role.FOLLOWER,
              lineages,
              RecordLimits.DEFAULT,
              publisherExpiryMs,
              checkpoint,
              budget);
      long from = PartitionState.startOffset(checkpoint);
      kafka.seek(partition, from);
      lagsAtStart[p] = Math.max(0, targets.getOrDefault(partition, 0L) - from);
      startOffsets[p] = from;
      LOG.log(
          System.Logger.Level.INFO,
          "following {0}-{1} from offset {2} (checkpoint: {3}), catching up to {4}",
          topic,
          p,
          from,
          checkpoint.isPresent(),
          targets.get(partition));
    }
    meters.following(startOffsets, lagsAtStart);
    states = started;
    return new HashMap<>(targets);
  }

  private void apply(PartitionState state, ConsumerRecord<byte[], byte[]> record) {
    RecordOutcome outcome = state.apply(record.offset(), record.value());
    if (outcome instanceof RecordOutcome.UnknownView unknown) {
      String version = unknown.view() + "@" + unknown.viewVersion();
      for (int attempt = givenUp.contains(version) ? unknownViewRetries : 0;
          outcome instanceof RecordOutcome.UnknownView && attempt < unknownViewRetries && running;
          attempt++) {
        sleep(unknownViewBackoff); // the registry may deliver the view a moment late
        outcome = state.apply(record.offset(), record.value());
      }
      if (outcome instanceof RecordOutcome.UnknownView) {
        givenUp.add(version);
        meters.applied("unknown_view");
        return;
      }
      givenUp.remove(version);
    }
    meters.applied(outcome.getClass().getSimpleName());
  }

  /** Updates the lag of every partition; runs {@code onCaughtUp} once all reached their target. */
  private void progress(
      KafkaConsumer<byte[], byte[]> kafka,
      List<TopicPartition> assigned,
      Map<TopicPartition, Long> targets) {
    for (TopicPartition partition : assigned) {
      long position = kafka.position(partition);
      var current = kafka.currentLag(partition);
      meters.progress(
          partition.partition(),
          position,
          current.isPresent()
              ? current.getAsLong()
              : Math.max(0, targets.getOrDefault(partition, 0L) - position));
      Long target = targets.get(partition);
      if (target != null && position >= target) {
        targets.remove(partition);
      }
    }
    publishWatermarks();
    settleMarkers();
    if (!caughtUp && targets.isEmpty()) {
      caughtUp = true;
      LOG.log(System.Logger.Level.INFO, "follower caught up with {0}", topic);
      onCaughtUp.run();
    }
  }

  private void settleMarkers() {
    long nowMs = System.currentTimeMillis();
    if (nowMs - markersSettledMs < markerSettleMs) {
      return;
    }
    markersSettledMs = nowMs;
    for (PartitionState state : states) {
      state.settleMarkers();
    }
  }

  /** Per lineage, the lowest watermark over the followed partitions, once a second. */
  private void publishWatermarks() {
    long nowMs = System.currentTimeMillis();
    if (nowMs - watermarksPublishedMs < 1_000) {
      return; // a poll can be a millisecond apart: a gauge needs no more than a second's detail
    }
    watermarksPublishedMs = nowMs;
    Map<String, Long> lowest = new HashMap<>();
    for (PartitionState state : states) {
      state
          .watermarks()
          .forEach((lineage, watermark) -> lowest.merge(lineage, watermark, Math::min));
    }
    meters.watermarks(lowest);
  }

  /**
   * This instance's watermark of a lineage (by storage name), the lowest over the followed
   * partitions, refreshed every second; {@link Long#MIN_VALUE} while it has none.
   */
  public long lineageWatermarkMs(String lineage) {
    return meters.lineageWatermarkMs(lineage);
  }

  /** The number of partitions followed; 0 until the follower has started. */
  public int partitions() {
    return states.length;
  }

  /** The follower's state of {@code partition}, for reads; empty until the follower started. */
  public Optional<PartitionState> partition(int partition) {
    PartitionState[] current = states;
    return partition >= 0 && partition < current.length
        ? Optional.of(current[partition])
        : Optional.empty();
  }

  /** Whether every partition reached the end offset it had when the follower started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Per partition, records not applied yet (end offset minus position). */
  public Map<Integer, Long> lags() {
    return meters.lags();
  }

  /** A rough heap size of the open state of every followed partition. */
  public double openBytes() {
    long bytes = 0;
    for (PartitionState state : states) {
      bytes += state.estimatedBytes();
    }
    return bytes;
  }

  public String topic() {
    return topic;
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
