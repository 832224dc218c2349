package io.tessera.serving.follow;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewSpec;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.serving.online.ViewAnswer;
import io.tessera.serving.online.ViewPlan;
import io.tessera.serving.online.ViewReads;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.SealedSpanPlanner;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Version 2's read of one (entity, view version): the follower's state of the entity's partition
 * (Kafka's default partitioner over the normalized key, {@link KeyPartitions}) merged with the
 * sealed rows and coarse tiles before that partition's durable seal point ({@link
 * FollowerViewReader}).
 *
 * <p>Lifetime windows start at {@code lifetimeFromMs}: the Cassandra store refuses a read over more
 * than 1,024 partitions (with day tiles, 2.8 years each; with hour tiles, 42 days each), so the
 * planner needs a real start, and a fixed one keeps every replica and every restart answering
 * alike. The entity's newest event is the newest that contributed to a window: with no event in any
 * window the value is {@code not_found} (no retention probe yet). The view's watermark on the
 * partition is how far this follower's data reaches: {@code stale} compares it with the view's
 * expected freshness.
 */
public final class FollowerViewReads implements ViewReads {
  private final PartitionFollower follower;
  private final SealedRowReads store;
  private final SealedWindowCache sealedWindows;
  private final long lifetimeFromMs;
  private final Map<ViewPlan, FollowerViewReader> readers = new ConcurrentHashMap<>();

  /**
   * @param sealedWindows the merged sealed prefixes of windows, shared by every view: its keys name
   *     the lineage
   */
  public FollowerViewReads(
      PartitionFollower follower,
      SealedRowReads store,
      SealedWindowCache sealedWindows,
      long lifetimeFromMs) {
    this.follower = follower;
    this.store = store;
    this.sealedWindows = sealedWindows;
    this.lifetimeFromMs = lifetimeFromMs;
  }

  @Override
  public CompletableFuture<ViewAnswer> read(ViewPlan view, EntityRef ref, long tMs) {
    int partitions = follower.partitions();
    Optional<PartitionState> state =
        partitions == 0
            ? Optional.empty()
            : follower.partition(KeyPartitions.of(view.view(), ref.entityKey(), partitions));
    if (state.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("the follower has not started on " + follower.topic()));
    }
    PartitionState partition = state.get();
    // read before the values: the data read can only reach further than this, never less far
    long watermarkMs = partition.watermarkMs(view.storageName());
    return readerOf(view)
        .read(store, partition, view.storageName(), ref.entityKey(), tMs)
        .thenApply(
            values -> new ViewAnswer(values, ViewAnswer.newestContributing(values), watermarkMs))
        .toCompletableFuture();
  }

  private FollowerViewReader readerOf(ViewPlan view) {
    return readers.computeIfAbsent(
        view,
        plan -> {
          ViewSpec spec = ViewSpecs.of(plan.definition(), plan.storageName());
          return new FollowerViewReader(
              spec,
              new SealedSpanPlanner(new Tiling(spec.resolutions()), lifetimeFromMs),
              sealedWindows);
        });
  }
}
