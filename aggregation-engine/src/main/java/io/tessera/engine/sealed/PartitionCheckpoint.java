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
 * @param views where each view version stood
 */
public record PartitionCheckpoint(
    String topic, int partition, long nextOffset, List<ViewProgress> views) {
  public PartitionCheckpoint {
    Objects.requireNonNull(topic, "topic");
    views = List.copyOf(views);
  }
}
