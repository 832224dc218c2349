package io.tessera.backfill;

import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.Tiling;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.KeyPartitions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * Writes the history of one view lineage from batch events, as the stream would have written it:
 * the sealed minute rows, their manifests and the closed coarse tiles of every tile in a range that
 * ends at the hand-over time, where the stream's own sealing takes over. Events are normalized as
 * ingest normalizes them (the view's transformation) before they come here; from here on the code
 * is the stream's ({@link UnitSeal}), so the bytes are the same (invariant 3).
 *
 * <p>A run routes the events it is given to files per {@link WorkUnit} (normalized partition ×
 * coarsest tile), then seals the units in parallel. Memory is the write buffers while routing and
 * one unit's events per thread while sealing, whatever the source's size; the open state of a unit
 * also stays within the process's {@link OpenStateBudget}.
 *
 * <p>The range must be whole tiles of the coarsest resolution: a coarse tile across its end would
 * have children from both the backfill and the stream, and its roll-up would count only one side.
 */
public final class LineageBackfill {
  private final Lineage lineage;
  private final String topic;
  private final int partitions;
  private final SealedStore store;
  private final Settings settings;
  private final long unitMs;

  /**
   * Where and how wide a backfill runs.
   *
   * @param spillDirectory where the routed events wait for their unit
   * @param parallelism units sealed at once
   * @param budget the process's open-state budget the units' states hold their events within
   */
  public record Settings(Path spillDirectory, int parallelism, OpenStateBudget budget) {
    public Settings {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1");
      }
    }
  }

  /**
   * @param lineage the lineage written (its storage name names the rows)
   * @param topic the normalized topic whose partitions the manifests name
   * @param partitions how many partitions it has: an entity's rows go with its partition
   */
  public LineageBackfill(
      Lineage lineage, String topic, int partitions, SealedStore store, Settings settings) {
    this.lineage = lineage;
    this.topic = topic;
    this.partitions = partitions;
    this.store = store;
    this.settings = settings;
    this.unitMs = new Tiling(lineage.aggregator().view().resolutions()).resolutionMs(0);
  }

  /**
   * Starts a run writing {@code [fromMs, handOverMs)}; both must be on the lineage's coarsest tile
   * boundaries, except a {@code fromMs} of {@link Long#MIN_VALUE}: all of the source's history (a
   * view with a lifetime window needs every event). Give it the events, then {@link Run#seal};
   * close it in any case.
   *
   * @param cancellation checked before each event routed and each unit sealed
   */
  public Run open(
      long fromMs, long handOverMs, BackfillProgress progress, Cancellation cancellation) {
    return open(fromMs, handOverMs, partition -> true, progress, cancellation);
  }

  /**
   * As {@link #open(long, long, BackfillProgress, Cancellation)}, writing only the normalized
   * partitions {@code written} accepts: the events of the others are neither counted nor routed
   * (another scan of the source writes them). Partitions share no rows, tiles or manifests, so
   * scans of disjoint partitions run anywhere and together write what one run would.
   */
  public Run open(
      long fromMs,
      long handOverMs,
      IntPredicate written,
      BackfillProgress progress,
      Cancellation cancellation) {
    boolean fromEverything = fromMs == Long.MIN_VALUE;
    if (fromMs >= handOverMs
        || (!fromEverything && Tiling.floor(fromMs, unitMs) != fromMs)
        || Tiling.floor(handOverMs, unitMs) != handOverMs) {
      throw new IllegalArgumentException(
          "a backfill range is whole tiles of "
              + unitMs
              + " ms, not ["
              + fromMs
              + ", "
              + handOverMs
              + ")");
    }
    return new Run(fromMs, handOverMs, written, progress, cancellation);
  }

  /** One backfill of the lineage: routes events, then seals its units. */
  public final class Run implements AutoCloseable {
    private final long fromMs;
    private final long handOverMs;
    private final IntPredicate written;
    private final BackfillProgress progress;
    private final Cancellation cancellation;
    private final EventBuckets buckets;

    private Run(
        long fromMs,
        long handOverMs,
        IntPredicate written,
        BackfillProgress progress,
        Cancellation cancellation) {
      this.fromMs = fromMs;
      this.handOverMs = handOverMs;
      this.written = written;
      this.progress = progress;
      this.cancellation = cancellation;
      this.buckets = new EventBuckets(settings.spillDirectory());
    }

    /**
     * Routes one normalized event of the lineage's view to its unit; an event outside the range is
     * counted and dropped (older history is past retention, newer is the stream's), one of a
     * partition this run does not write is dropped uncounted.
     */
    public void accept(NormalizedEvent event) {
      cancellation.check();
      if (!event.view().equals(lineage.view())) {
        throw new IllegalArgumentException(
            "an event of " + event.view() + " in the backfill of " + lineage.view());
      }
      int partition = KeyPartitions.of(event.view(), event.entityKey(), partitions);
      if (!written.test(partition)) {
        return;
      }
      long timeMs = event.eventTimeMs();
      boolean inRange = timeMs >= fromMs && timeMs < handOverMs;
      progress.read(inRange);
      if (inRange) {
        long startMs = Tiling.floor(timeMs, unitMs);
        buckets.add(new WorkUnit(partition, startMs, startMs + unitMs), event);
      }
    }

    /**
     * Seals every unit, {@code settings.parallelism()} at a time, and returns when all their rows
     * and tiles are durable.
     *
     * @throws java.util.concurrent.CompletionException the first unit's failure (a store error): a
     *     unit is idempotent, so running the backfill again completes it
     * @throws CancellationException when cancelled: units not started by then are not sealed, those
     *     already sealing finish first (so nothing is half-written when this returns)
     */
    public void seal() {
      cancellation.check();
      buckets.finish();
      Map<WorkUnit, Long> units = buckets.units();
      progress.planned(units.size());
      UnitSeal sealer = new UnitSeal(lineage, topic, store, settings.budget());
      ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism());
      try {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (WorkUnit unit : units.keySet()) {
          done.add(
              CompletableFuture.runAsync(
                  () -> {
                    cancellation.check();
                    sealer.seal(unit, buckets.read(unit), progress);
                    buckets.release(unit);
                    progress.unitDone();
                  },
                  pool));
        }
        try {
          CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
          if (cancellation.isCancelled()) {
            // allOf completes at the first failure; the units still sealing finish before the
            // caller hears of the stop, so a cancelled run leaves no unit half-written
            pool.shutdown();
            awaitQuietly(pool);
            throw new CancellationException("the backfill was cancelled");
          }
          throw e;
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private static void awaitQuietly(ExecutorService pool) {
      try {
        pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The bytes of events routed to unit files so far. */
    public long routedBytes() {
      return buckets.bytes();
    }

    @Override
    public void close() {
      buckets.close();
    }
  }
}
