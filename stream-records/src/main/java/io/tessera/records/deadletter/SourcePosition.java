package io.tessera.records.deadletter;

import java.util.Objects;

/**
 * Where an event was read: enough to find it again in its source.
 *
 * @param kind {@code kafka}, {@code kinesis}, {@code push} or {@code normalized}
 * @param name the topic or stream (for push: the view)
 * @param partition the Kafka partition or Kinesis shard id; empty for push
 * @param position the Kafka offset or Kinesis sequence number; for push, the request id and index
 */
public record SourcePosition(String kind, String name, String partition, String position) {
  public SourcePosition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(position, "position");
  }
}
