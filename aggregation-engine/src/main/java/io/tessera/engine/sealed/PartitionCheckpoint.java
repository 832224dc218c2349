package io.tessera.engine.sealed;

import java.util.List;
import java.util.Objects;

/**
 * What is durable for one partition of the normalized topic: every record before {@code nextOffset}
 * is either in sealed rows or a dead letter, or belongs to a finest tile that is still open and
 * will be replayed from here. An owner that takes the partition over (and every follower) restores
 * the views' progress and replays from {@code nextOffset}.
 *
 * @param topic the normalized topic
 * @param partition its partition
 * @param nextOffset the first offset a replay reads
 * @param positionOffset every record before this had been processed when the checkpoint was taken:
 *     a replay of {@code [nextOffset, positionOffset)} re-applies what is still open and must not
 *     report again what was reported (a {@code too_late} dead letter); checkpoints order by it, so
 *     a zombie owner's older checkpoint never replaces a newer one
 * @param views where each view version stood at {@code positionOffset}
 */
public record PartitionCheckpoint(
    String topic, int partition, long nextOffset, long positionOffset, List<ViewProgress> views) {
  public PartitionCheckpoint {
    Objects.requireNonNull(topic, "topic");
    if (nextOffset < 0 || positionOffset < nextOffset) {
      throw new IllegalArgumentException(
          "need 0 <= nextOffset <= positionOffset, was " + nextOffset + ", " + positionOffset);
    }
    views = List.copyOf(views);
  }
}
