package io.tessera.streamcore.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replicas and backfill find an entity's events where a producer with the default partitioner put
 * them. The expected partitions were computed outside Java, with a port of Kafka's murmur2 that
 * gives Kafka's own test vector ({@code murmur2("21") == -973932308}); {@code FollowerIT} also
 * checks every event it produces against the real producer's choice.
 */
class KeyPartitionsTest {

  @Test
  void agreesWithKafkasDefaultPartitionerOnKnownKeys() {
    assertThat(KeyPartitions.of("transactions", "u1", 3)).isEqualTo(2);
    assertThat(KeyPartitions.of("transactions", "u1", 12)).isEqualTo(2);
    assertThat(KeyPartitions.of("transactions", "u1", 64)).isEqualTo(18);
    assertThat(KeyPartitions.of("transactions", "u2", 3)).isEqualTo(0);
    assertThat(KeyPartitions.of("transactions", "u2", 64)).isEqualTo(28);
    assertThat(KeyPartitions.of("clicks", "user-42", 12)).isEqualTo(6);
    assertThat(KeyPartitions.of("clicks", "user-42", 64)).isEqualTo(42);
    assertThat(KeyPartitions.of("v", "", 12)).isEqualTo(3);
  }

  @Test
  void keysSpreadOverEveryPartitionAndStayInRange() {
    List<Integer> spread = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      spread.add(KeyPartitions.of("v", "u" + i, 4));
    }
    assertThat(spread).contains(0, 1, 2, 3).allMatch(p -> p >= 0 && p < 4);
  }

  @Test
  void refusesATopicWithoutPartitions() {
    assertThatThrownBy(() -> KeyPartitions.of(new byte[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
