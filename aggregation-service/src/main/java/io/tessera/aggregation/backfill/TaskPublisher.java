package io.tessera.aggregation.backfill;

import io.tessera.aggregation.kafka.AcknowledgedProducer;
import io.tessera.records.backfill.BackfillCodec;
import io.tessera.records.backfill.BackfillCommand;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a backfill's tasks to the requests topic, spread evenly over its partitions: task {@code p}
 * of {@code P} to partition {@code p * R / P} of {@code R}, so contiguous ranges of partitions
 * (what the range assignor gives each worker of the group) hold as many tasks as any others. Keyed
 * by view, as starts are, they would all reach one worker.
 */
final class TaskPublisher implements AutoCloseable {
  private final AcknowledgedProducer producer;
  private final String topic;
  private final IntSupplier topicPartitions;

  TaskPublisher(Map<String, Object> kafkaProperties, String topic, IntSupplier topicPartitions) {
    this.producer = new AcknowledgedProducer(kafkaProperties, Map.of());
    this.topic = topic;
    this.topicPartitions = topicPartitions;
  }

  /** Completes when the task is acknowledged. */
  CompletableFuture<Void> publish(BackfillCommand.Task task) {
    return producer.send(
        new ProducerRecord<>(
            topic,
            topicPartition(task.partition(), task.partitions(), topicPartitions.getAsInt()),
            BackfillCodec.key(task),
            BackfillCodec.encode(task)));
  }

  /**
   * The requests topic's partition of task {@code task} of {@code tasks}: {@code task * R / tasks},
   * ascending with the task, every partition of the topic holding the same number of tasks give or
   * take one.
   */
  static int topicPartition(int task, int tasks, int topicPartitions) {
    return (int) ((long) task * topicPartitions / tasks);
  }

  @Override
  public void close() {
    producer.close();
  }
}
