package io.tessera.aggregation.owner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Which partitions the owner has paused (a record held, a job chain too long, a restore pending),
 * so each is paused and resumed once. Kafka forgets a pause when a partition is revoked or lost.
 */
final class PartitionPauses {
  private final Consumer<?, ?> consumer;
  private final Set<TopicPartition> paused = new HashSet<>();

  PartitionPauses(Consumer<?, ?> consumer) {
    this.consumer = consumer;
  }

  void pause(TopicPartition partition) {
    if (paused.add(partition)) {
      consumer.pause(List.of(partition));
    }
  }

  /** Pauses the assigned partitions that must {@code wait}, resumes the others paused before. */
  void pace(Predicate<TopicPartition> wait) {
    List<TopicPartition> resume = new ArrayList<>();
    for (TopicPartition partition : consumer.assignment()) {
      if (wait.test(partition)) {
        pause(partition);
      } else if (paused.remove(partition)) {
        resume.add(partition);
      }
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  void forget(Collection<TopicPartition> partitions) {
    paused.removeAll(partitions);
  }
}
