package io.tessera.harness.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A consumer group's progress on one topic, read with the Kafka admin client: committed offsets
 * (the next offset the group will read) against the end offsets. What the group has committed is
 * what it has durably applied, so this is the ground truth a crash test checks against.
 */
public final class ConsumerLag implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 30;

  private final Admin admin;
  private final String topic;
  private final String group;

  public ConsumerLag(Map<String, Object> kafkaProperties, String topic, String group) {
    this.admin = Admin.create(kafkaProperties);
    this.topic = topic;
    this.group = group;
  }

  /** Partition to end offset (the offset the next record will get). */
  public Map<Integer, Long> endOffsets() {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartitionInfo info : describe()) {
      request.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
    }
    Map<Integer, Long> ends = new HashMap<>();
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
        get(admin.listOffsets(request).all());
    result.forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
    return ends;
  }

  /** Partition to committed offset; 0 for a partition the group has not committed yet. */
  public Map<Integer, Long> committedOffsets() {
    Map<TopicPartition, OffsetAndMetadata> committed =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    Map<Integer, Long> offsets = new HashMap<>();
    for (TopicPartitionInfo info : describe()) {
      OffsetAndMetadata offset = committed.get(new TopicPartition(topic, info.partition()));
      offsets.put(info.partition(), offset == null ? 0L : offset.offset());
    }
    return offsets;
  }

  /** End minus committed, summed over the partitions. */
  public long total() {
    Map<Integer, Long> ends = endOffsets();
    Map<Integer, Long> committed = committedOffsets();
    long lag = 0;
    for (Map.Entry<Integer, Long> end : ends.entrySet()) {
      lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
    }
    return lag;
  }

  /** Whether the group has committed at least {@code positions} on every partition named. */
  public boolean hasCommitted(Map<Integer, Long> positions) {
    Map<Integer, Long> committed = committedOffsets();
    return positions.entrySet().stream()
        .allMatch(p -> committed.getOrDefault(p.getKey(), 0L) >= p.getValue());
  }

  /**
   * Which members of the group own partitions of the topic now, by member id: a frozen member
   * disappears once its session timed out and its partitions moved.
   */
  public java.util.Set<String> owners() {
    java.util.Set<String> owners = new java.util.TreeSet<>();
    get(admin.describeConsumerGroups(java.util.List.of(group)).all())
        .get(group)
        .members()
        .forEach(
            member -> {
              boolean ownsTopic =
                  member.assignment().topicPartitions().stream()
                      .anyMatch(partition -> partition.topic().equals(topic));
              if (ownsTopic) {
                owners.add(member.consumerId());
              }
            });
    return owners;
  }

  private java.util.List<TopicPartitionInfo> describe() {
    return get(admin.describeTopics(java.util.List.of(topic)).allTopicNames())
        .get(topic)
        .partitions();
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka admin call failed", e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
