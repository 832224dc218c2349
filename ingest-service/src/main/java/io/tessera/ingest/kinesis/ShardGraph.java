package io.tessera.ingest.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The shards of a stream and their lineage. After a split or merge, a child shard holds records of
 * the same partition keys that are newer than its parents' records; reading it only once every
 * parent is read to its end (SHARD_END) keeps each key's events in order. A parent that is no
 * longer listed (past the retention period) counts as read.
 */
final class ShardGraph {

  private final List<Shard> shards;
  private final Set<String> listed;

  ShardGraph(List<Shard> shards) {
    this.shards = List.copyOf(shards);
    this.listed = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
  }

  /** The shards not yet read to their end whose parents all are, in shard-id order. */
  List<String> readyShards(Map<String, ShardState> states) {
    List<String> ready = new ArrayList<>();
    for (Shard shard : shards) {
      if (isFinished(shard.shardId(), states)) {
        continue;
      }
      if (parentDone(shard.parentShardId(), states)
          && parentDone(shard.adjacentParentShardId(), states)) {
        ready.add(shard.shardId());
      }
    }
    ready.sort(null);
    return ready;
  }

  private boolean parentDone(String parent, Map<String, ShardState> states) {
    return parent == null || !listed.contains(parent) || isFinished(parent, states);
  }

  private static boolean isFinished(String shard, Map<String, ShardState> states) {
    ShardState state = states.get(shard);
    return state != null && state.finished();
  }
}
