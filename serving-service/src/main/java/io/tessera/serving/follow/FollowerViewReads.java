package io.tessera.serving.follow;

import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewSpec;
import io.tessera.serving.online.ViewAnswer;
import io.tessera.serving.online.ViewReads;
import io.tessera.serving.store.PreloadedSpan;
import io.tessera.streamcore.partition.DurableProgress;
import io.tessera.streamcore.partition.KeyPartitions;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.RetentionProbe;
import io.tessera.streamcore.read.SealedReading;
import io.tessera.streamcore.read.SealedSpanPlanner;
import io.tessera.streamcore.read.ViewPlan;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read of one (entity, view version): the follower's state of the entity's partition (Kafka's
 * default partitioner over the normalized key, {@link KeyPartitions}) merged with the sealed rows
 * and coarse tiles before that partition's durable seal point ({@link FollowerViewReader}).
 *
 * <p>Lifetime windows start at {@code lifetimeFromMs}: the Cassandra store refuses a read over more
 * than 1,024 partitions (with day tiles, 2.8 years each; with hour tiles, 42 days each), so the
 * planner needs a real start, and a fixed one keeps every replica and every restart answering
 * alike. The entity's newest event is the newest that contributed to a window, or, when none did
 * and the view's retention reaches further back than its longest window, the newest in {@code [t -
 * retention, t - longest window)} ({@link RetentionProbe}): {@code not_found} means no event within
 * the retention, not merely none in a window. The view's watermark on the partition is how far this
 * follower's data reaches: {@code stale} compares it with the view's expected freshness.
 */
public final class FollowerViewReads implements ViewReads {
  private final PartitionFollower follower;
  private final SealedRowReads store;
  private final SealedWindowCache sealedWindows;
  private final long lifetimeFromMs;
  private final Map<ViewPlan, Readers> readers = new ConcurrentHashMap<>();

  /** A view version's window reader and retention probe, sharing one planner. */
  private record Readers(FollowerViewReader windows, RetentionProbe retention) {}

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
    return read(view, ref, tMs, store, SealedReading.COARSE_TO_FINE);
  }

  /**
   * The same read with the sealed parts from {@code sealed}, which must answer every read as the
   * store does: the entity's {@link #preload preloaded span}, for a sweep reading many times of it.
   * Its reads are made at once: it answers from memory, and a read widened past its span would go
   * to the store.
   */
  public CompletableFuture<ViewAnswer> read(
      ViewPlan view, EntityRef ref, long tMs, SealedRowReads sealed) {
    return read(view, ref, tMs, sealed, SealedReading.AT_ONCE);
  }

  private CompletableFuture<ViewAnswer> read(
      ViewPlan view, EntityRef ref, long tMs, SealedRowReads sealed, SealedReading reading) {
    Optional<PartitionState> state = partitionOf(view, ref);
    if (state.isEmpty()) {
      return notStarted();
    }
    PartitionState partition = state.get();
    // read before the values: the data read can only reach further than this, never less far
    long watermarkMs = partition.watermarkMs(view.storageName());
    Readers reader = readersOf(view);
    return reader
        .windows()
        .read(sealed, partition, view.storageName(), ref.entityKey(), tMs, reading)
        .thenCompose(
            values -> {
              long newest = ViewAnswer.newestContributing(values);
              long beyondWindowsMs = beyondWindowsMs(view.definition(), tMs);
              if (newest != Ir.NO_EVENT_MS || beyondWindowsMs == Long.MIN_VALUE) {
                return CompletableFuture.completedFuture(
                    new ViewAnswer(values, newest, watermarkMs));
              }
              long retainedFromMs = saturatedMinus(tMs, view.definition().retentionMs());
              return reader
                  .retention()
                  .newestBetween(
                      sealed,
                      partition,
                      view.storageName(),
                      ref.entityKey(),
                      retainedFromMs,
                      beyondWindowsMs)
                  .thenApply(retained -> new ViewAnswer(values, retained, watermarkMs));
            })
        .toCompletableFuture();
  }

  /**
   * What is final of the entity's sealed history in {@code [fromMs, toMs)} as of now, read once
   * ({@link PreloadedSpan}): reads at many times within it then cost no store query each, and reach
   * the store only for what lies outside.
   */
  public CompletableFuture<SealedRowReads> preload(
      ViewPlan view, EntityRef ref, long fromMs, long toMs) {
    Optional<PartitionState> state = partitionOf(view, ref);
    if (state.isEmpty()) {
      return notStarted();
    }
    // taken before the reads: what was final then is final whenever the rows are read
    DurableProgress durable = state.get().durable(view.storageName());
    return PreloadedSpan.read(
            store, ref, new Tiling(view.spec().resolutions()), fromMs, toMs, durable)
        .<SealedRowReads>thenApply(span -> span)
        .toCompletableFuture();
  }

  private Optional<PartitionState> partitionOf(ViewPlan view, EntityRef ref) {
    int partitions = follower.partitions();
    return partitions == 0
        ? Optional.empty()
        : follower.partition(KeyPartitions.of(view.view(), ref.entityKey(), partitions));
  }

  private <T> CompletableFuture<T> notStarted() {
    return CompletableFuture.failedFuture(
        new IllegalStateException("the follower has not started on " + follower.topic()));
  }

  /**
   * Where the view's longest window starts at {@code tMs}, when its retention reaches further back
   * (only then can an entity with no event in any window still have one within the retention);
   * {@link Long#MIN_VALUE} otherwise, and for a view with a lifetime window, which sees everything.
   */
  private static long beyondWindowsMs(FeatureView view, long tMs) {
    boolean lifetime =
        view.features().stream()
            .flatMap(feature -> feature.windows().stream())
            .anyMatch(WindowSpec::isLifetime);
    long longestMs = FeatureView.longestFixedWindowMs(view.features());
    if (lifetime || view.retentionMs() <= longestMs) {
      return Long.MIN_VALUE;
    }
    return saturatedMinus(tMs, longestMs);
  }

  private static long saturatedMinus(long tMs, long sizeMs) {
    long startMs = tMs - sizeMs;
    return startMs > tMs ? Long.MIN_VALUE : startMs; // no wrap-around past Long.MIN_VALUE
  }

  private Readers readersOf(ViewPlan view) {
    return readers.computeIfAbsent(
        view,
        plan -> {
          ViewSpec spec = plan.spec();
          SealedSpanPlanner planner =
              new SealedSpanPlanner(new Tiling(spec.resolutions()), lifetimeFromMs);
          return new Readers(
              new FollowerViewReader(spec, planner, sealedWindows),
              new RetentionProbe(spec, planner));
        });
  }
}
