package io.tessera.aggregation.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskPublisherTest {

  /**
   * Workers of the group hold contiguous ranges of the requests topic's partitions (the range
   * assignor): tasks must be spread over the partitions evenly and in order, so every range of them
   * holds its share of a backfill's tasks.
   */
  @Test
  void tasksAreSpreadEvenlyAndInOrderOverTheTopicsPartitions() {
    for (int tasks = 1; tasks <= 64; tasks++) {
      for (int topicPartitions = 1; topicPartitions <= 16; topicPartitions++) {
        int[] perPartition = new int[topicPartitions];
        int previous = 0;
        for (int task = 0; task < tasks; task++) {
          int partition = TaskPublisher.topicPartition(task, tasks, topicPartitions);
          assertThat(partition).isBetween(previous, topicPartitions - 1);
          previous = partition;
          perPartition[partition]++;
        }
        int least = tasks / topicPartitions;
        for (int count : perPartition) {
          assertThat(count)
              .as("%d tasks over %d partitions", tasks, topicPartitions)
              .isBetween(tasks >= topicPartitions ? least : 0, least + 1);
        }
      }
    }
  }
}
