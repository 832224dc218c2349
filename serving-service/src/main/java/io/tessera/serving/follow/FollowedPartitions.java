package io.tessera.serving.follow;

import io.tessera.streamcore.partition.PartitionState;
import java.util.Optional;

/**
 * The partition states a follower applies, as reads see them: what {@link FollowerViewReads} needs
 * of a {@link PartitionFollower}, so that a read can also run over states applied without Kafka (a
 * benchmark's or a test's in-memory log).
 */
public interface FollowedPartitions {

  /** The number of partitions followed; 0 until the follower has started. */
  int partitions();

  /** The state of {@code partition}, for reads; empty until the follower started. */
  Optional<PartitionState> partition(int partition);

  /** The followed topic, for messages. */
  String topic();
}
