package io.tessera.aggregation.backfill;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the requests topic may be committed: per partition, up to the first command not
 * finished yet. A backfill takes minutes to hours while later commands (cancels, other views'
 * starts) finish at once, so a plain "last offset processed" would commit past a running backfill
 * and a crash would lose it; this way a crash redoes it on the partition's next owner. Only the
 * consumer thread uses it.
 */
final class CommandOffsets {
  /** Per partition: the offsets received and whether each has finished, in offset order. */
  private final Map<TopicPartition, TreeMap<Long, Boolean>> pending = new HashMap<>();

  /** Per partition: the offset committed last (the next to read after a restart). */
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /** A command at {@code offset} was received: commits stop before it until it finishes. */
  void received(TopicPartition partition, long offset) {
    pending.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, false);
  }

  /**
   * The command at {@code offset} is done with (ran, failed, cancelled, skipped). Ignored for a
   * partition no longer assigned: its new owner reads it again.
   */
  void finished(TopicPartition partition, long offset) {
    TreeMap<Long, Boolean> offsets = pending.get(partition);
    if (offsets != null && offsets.containsKey(offset)) {
      offsets.put(offset, true);
    }
  }

  /**
   * The offsets to commit now: per partition whose finished prefix grew since the last call, the
   * offset after it. The prefix is forgotten once returned.
   */
  Map<TopicPartition, Long> takeCommittable() {
    Map<TopicPartition, Long> commits = new HashMap<>();
    for (Map.Entry<TopicPartition, TreeMap<Long, Boolean>> entry : pending.entrySet()) {
      TreeMap<Long, Boolean> offsets = entry.getValue();
      long next = -1;
      while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
        next = offsets.pollFirstEntry().getKey() + 1;
      }
      if (next >= 0 && next > committed.getOrDefault(entry.getKey(), -1L)) {
        committed.put(entry.getKey(), next);
        commits.put(entry.getKey(), next);
      }
    }
    return commits;
  }

  /** Forgets a partition that moved to another instance. */
  void revoked(TopicPartition partition) {
    pending.remove(partition);
    committed.remove(partition);
  }
}
