package io.tessera.aggregation.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommandOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("requests", 0);
  private static final TopicPartition P1 = new TopicPartition("requests", 1);

  @Test
  void commitsNothingPastACommandStillRunning() {
    CommandOffsets offsets = new CommandOffsets();
    offsets.received(P0, 10);
    offsets.received(P0, 11);
    offsets.received(P0, 12);
    offsets.finished(P0, 11);
    offsets.finished(P0, 12);
    assertThat(offsets.takeCommittable()).isEmpty();

    offsets.finished(P0, 10);
    assertThat(offsets.takeCommittable()).isEqualTo(Map.of(P0, 13L));
  }

  @Test
  void commitsEachPartitionUpToItsOwnFirstUnfinishedCommand() {
    CommandOffsets offsets = new CommandOffsets();
    offsets.received(P0, 0);
    offsets.received(P0, 1);
    offsets.received(P1, 5);
    offsets.finished(P0, 0);
    offsets.finished(P1, 5);
    assertThat(offsets.takeCommittable()).isEqualTo(Map.of(P0, 1L, P1, 6L));
  }

  @Test
  void commitsAnOffsetOnce() {
    CommandOffsets offsets = new CommandOffsets();
    offsets.received(P0, 3);
    offsets.finished(P0, 3);
    assertThat(offsets.takeCommittable()).isEqualTo(Map.of(P0, 4L));
    assertThat(offsets.takeCommittable()).isEmpty();
  }

  @Test
  void forgetsARevokedPartitionAndIgnoresItsLateEnds() {
    CommandOffsets offsets = new CommandOffsets();
    offsets.received(P0, 7);
    offsets.revoked(P0);
    offsets.finished(P0, 7); // the released backfill ended after the partition moved
    assertThat(offsets.takeCommittable()).isEmpty();

    offsets.received(P0, 7); // assigned again: read from the committed offset
    offsets.finished(P0, 7);
    assertThat(offsets.takeCommittable()).isEqualTo(Map.of(P0, 8L));
  }
}
