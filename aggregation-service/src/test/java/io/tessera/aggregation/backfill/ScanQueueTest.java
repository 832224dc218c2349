package io.tessera.aggregation.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.backfill.BackfillCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ScanQueueTest {
  private static final TopicPartition P0 = new TopicPartition("requests", 0);
  private static final TopicPartition P1 = new TopicPartition("requests", 1);

  private final List<ScanJob.Delivery> done = new ArrayList<>();

  @Test
  void theTasksOfOneBackfillThatArriveTogetherBecomeOneScanAfterTheLinger() {
    ScanQueue queue = new ScanQueue(1);
    queue.add(task("a", 0, P0, 1), 0);
    queue.add(task("b", 0, P0, 2), 10);
    queue.add(task("a", 1, P1, 1), 100);

    assertThat(start(queue, ScanQueue.LINGER_MS - 1, Set.of())).isEmpty();
    List<ScanJob> first = start(queue, ScanQueue.LINGER_MS, Set.of());
    assertThat(first)
        .singleElement()
        .satisfies(
            scan -> {
              assertThat(scan.id()).isEqualTo("a");
              assertThat(scan.partitions()).containsExactlyInAnyOrder(0, 1);
            });
    assertThat(start(queue, 10_000, Set.of())).as("one scan at a time").isEmpty();

    assertThat(queue.ended(first.get(0), true)).isTrue();
    assertThat(start(queue, 10_000, Set.of())).extracting(ScanJob::id).containsExactly("b");
  }

  @Test
  void aTaskWrittenSinceItCameOrOfAnEndedBackfillIsDoneWithoutAScan() {
    ScanQueue queue = new ScanQueue(2);
    queue.add(task("a", 0, P0, 1), 0);
    queue.add(task("b", 0, P0, 2), 0);

    queue.dropEnded("b"::equals, done::add);
    assertThat(start(queue, 10_000, Set.of(0))).isEmpty();
    assertThat(done).extracting(d -> d.task().id()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aScanWithATaskOfAMovedPartitionIsReleasedAndItsOtherTasksWaitAgain() {
    ScanQueue queue = new ScanQueue(1);
    queue.add(task("a", 0, P0, 1), 0);
    queue.add(task("a", 1, P1, 1), 0);
    ScanJob scan = start(queue, 10_000, Set.of()).get(0);

    queue.leave(List.of(P0), 20_000);
    assertThat(start(queue, 20_000 + ScanQueue.LINGER_MS, Set.of()))
        .as("the released scan still holds its thread")
        .isEmpty();
    assertThat(queue.ended(scan, true)).as("a released scan's tasks run elsewhere").isFalse();
    assertThat(start(queue, 20_000 + ScanQueue.LINGER_MS, Set.of()))
        .singleElement()
        .satisfies(again -> assertThat(again.partitions()).containsExactly(1));
  }

  private List<ScanJob> start(ScanQueue queue, long nowMs, Set<Integer> written) {
    return queue.startable(
        nowMs, id -> written, done::add, group -> new ScanJob(group, null, null));
  }

  private static ScanJob.Delivery task(String id, int partition, TopicPartition from, long offset) {
    return new ScanJob.Delivery(
        new BackfillCommand.Task(id, "view", 1, 0, 86_400_000L, partition, 2, Instant.EPOCH),
        from,
        offset);
  }
}
