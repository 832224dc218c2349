package io.tessera.aggregation.support;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.Lineages;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import io.tessera.testsupport.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a serving follower holds: every partition of the normalized topic read from its beginning to
 * its current end into a {@link PartitionState} in {@link Role#FOLLOWER}, with what it applied,
 * sealed itself and the seal markers it saw.
 */
public final class FollowerReplica {
  public final Map<Integer, PartitionState> states = new HashMap<>();
  public final List<Event> applied = new ArrayList<>();
  // by view and entity, as the normalized key: one entity of two views may be on two partitions
  public final Map<EntityRef, Integer> partitionOfEntity = new HashMap<>();
  public final Map<EntityRef, List<Event>> appliedByEntity = new HashMap<>();
  public final List<SealedMinute> sealed = new ArrayList<>();
  public final Map<Integer, Integer> markersByPartition = new HashMap<>();

  private FollowerReplica() {}

  /** Reads the topic's {@code partitions} from the beginning to their end offsets now. */
  public static FollowerReplica read(String topic, int partitions, Lineages lineages) {
    FollowerReplica replica = new FollowerReplica();
    Map<String, Object> config = new HashMap<>(LocalStack.get().kafkaProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "follower-" + UUID.randomUUID());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> assigned = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        assigned.add(new TopicPartition(topic, p));
        replica.states.put(
            p,
            PartitionState.start(
                topic,
                p,
                Role.FOLLOWER,
                lineages,
                RecordLimits.DEFAULT,
                30_000,
                Optional.empty(),
                OpenStateBudget.unbounded()));
      }
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      long deadline = System.currentTimeMillis() + 60_000;
      while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("follower did not reach the end of " + topic);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          replica.apply(record);
        }
      }
    }
    return replica;
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    RecordOutcome outcome = states.get(record.partition()).apply(record.offset(), record.value());
    if (outcome instanceof RecordOutcome.Applied a) {
      NormalizedEvent e = a.event();
      Event event = new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), 0, e.values());
      EntityRef entity = new EntityRef(e.view(), e.entityKey());
      applied.add(event);
      appliedByEntity.computeIfAbsent(entity, k -> new ArrayList<>()).add(event);
      partitionOfEntity.put(entity, record.partition());
    } else if (outcome instanceof RecordOutcome.Sealed s) {
      // a follower's seals come deferred: their rows, computed here, are what the owner wrote
      s.result().deferred().forEach(minute -> sealed.add(minute.minute()));
    } else if (outcome instanceof RecordOutcome.Marked) {
      markersByPartition.merge(record.partition(), 1, Integer::sum);
    }
  }
}
