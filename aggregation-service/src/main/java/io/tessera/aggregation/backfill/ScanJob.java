package io.tessera.aggregation.backfill;

import io.tessera.backfill.BackfillProgress;
import io.tessera.backfill.Cancellation;
import io.tessera.backfill.LineageBackfill;
import io.tessera.backfill.SourceBackfill;
import io.tessera.definitions.view.FeatureView;
import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillReport;
import io.tessera.records.backfill.BackfillState;
import io.tessera.streamcore.lineage.Lineage;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * One scan of a backfill's batch source on this worker: the {@link BackfillCommand.Task tasks} of
 * one backfill it holds, written in one read of the source ({@link SourceBackfill} restricted to
 * their partitions). It reports RUNNING at its start and every status interval, and once when it
 * ends ({@link ScanReports}); the rows every scan reads are counted, and the refused ones
 * dead-lettered, only by the scan holding partition 0. A scan released because one of its tasks'
 * partitions moved reports no end: the tasks run again where they went.
 */
final class ScanJob {
  private static final System.Logger LOG = System.getLogger(ScanJob.class.getName());

  /** A task as it arrived: where on the requests topic it is, so its offset can be committed. */
  record Delivery(BackfillCommand.Task task, TopicPartition from, long offset) {}

  private final List<Delivery> deliveries;
  private final BackfillCommand.Task first;
  private final Set<Integer> partitions;
  private final BackfillContext context;
  private final ScanReports reports;
  private final String scan = UUID.randomUUID().toString();
  private final Cancellation cancellation = new Cancellation();
  private final BackfillProgress progress = new BackfillProgress();
  private volatile boolean released;
  private boolean ended; // guarded by this

  /**
   * @param deliveries tasks of one backfill, of distinct partitions
   */
  ScanJob(List<Delivery> deliveries, BackfillContext context, ScanReports reports) {
    this.deliveries = List.copyOf(deliveries);
    this.first = deliveries.get(0).task();
    this.partitions =
        deliveries.stream().map(d -> d.task().partition()).collect(Collectors.toUnmodifiableSet());
    this.context = context;
    this.reports = reports;
  }

  String id() {
    return first.id();
  }

  List<Delivery> deliveries() {
    return deliveries;
  }

  Set<Integer> partitions() {
    return partitions;
  }

  /** Its backfill ended (cancelled, or failed elsewhere): it stops at its next check. */
  void cancel() {
    cancellation.cancel();
  }

  /** A task's partition moved: it stops at its next check and reports nothing more. */
  void release() {
    released = true;
    cancellation.cancel();
  }

  /**
   * Runs the scan to its end.
   *
   * @return whether its tasks are done with: its final report is acknowledged. False for a released
   *     scan, or when the report could not be sent (the tasks then stay uncommitted and run again)
   */
  boolean run() {
    LOG.log(
        System.Logger.Level.INFO,
        "backfill {0} of {1}: scanning its batch source for partitions {2} (scan {3})",
        first.id(),
        first.view(),
        partitions,
        scan);
    report(BackfillState.RUNNING, null);
    long intervalMs = context.properties().statusInterval().toMillis();
    ScheduledFuture<?> ticks =
        context
            .ticks()
            .scheduleAtFixedRate(
                () -> tickQuietly(), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    BackfillState state;
    String error = null;
    try {
      scan();
      state = BackfillState.COMPLETED;
    } catch (CancellationException e) {
      state = BackfillState.CANCELLED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = BackfillState.CANCELLED;
    } catch (Exception e) {
      state = BackfillState.FAILED;
      error = BackfillJob.messageOf(e);
      LOG.log(
          System.Logger.Level.WARNING, "backfill " + first.id() + ": scan " + scan + " failed", e);
    } finally {
      ticks.cancel(false);
    }
    if (released && state != BackfillState.COMPLETED) {
      synchronized (this) {
        ended = true;
      }
      return false;
    }
    return BackfillJob.acknowledged(
        end(state, error),
        "backfill "
            + first.id()
            + ": the end of scan "
            + scan
            + " was not reported; it runs again");
  }

  private void scan() throws Exception {
    FeatureView version =
        BackfillJob.awaitVersion(context, first.view(), first.version(), cancellation).definition();
    Lineage lineage =
        context
            .lineages()
            .of(first.view(), first.version())
            .orElseThrow(() -> new IllegalStateException("no lineage of " + first.view()));
    LineageBackfill writer =
        new LineageBackfill(
            lineage,
            context.normalizedTopic(),
            first.partitions(),
            context.store(),
            context.writer());
    boolean countsRows = partitions.contains(0);
    RefusedRows refused =
        new RefusedRows(
            context.deadLetters(),
            first.view(),
            first.version(),
            version.batchSource().orElseThrow(),
            progress,
            countsRows ? context.properties().maxDeadLetters() : 0,
            context.clock());
    new SourceBackfill(writer, context.access(), context.limits())
        .run(
            version,
            first.version(),
            first.fromMs(),
            first.toMs(),
            partitions::contains,
            progress,
            refused,
            cancellation);
    refused.awaitSent();
  }

  private void tickQuietly() {
    try {
      report(BackfillState.RUNNING, null);
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: log, and tick on
      LOG.log(System.Logger.Level.WARNING, "backfill " + first.id() + ": report not sent", e);
    }
  }

  /** A report, unless the scan has ended: a late RUNNING must not follow its end. */
  private synchronized CompletableFuture<Void> report(BackfillState state, String error) {
    if (ended) {
      return CompletableFuture.completedFuture(null);
    }
    if (state.isFinal()) {
      ended = true;
    }
    BackfillCounts counts = progress.snapshot();
    return reports.publish(
        new BackfillReport(
            first.id(),
            scan,
            partitions.stream().sorted().toList(),
            state,
            partitions.contains(0) ? counts : counts.withoutRows(),
            error,
            context.workerId(),
            Instant.ofEpochMilli(context.clock().millis())));
  }

  private CompletableFuture<Void> end(BackfillState state, String error) {
    LOG.log(
        System.Logger.Level.INFO,
        "backfill {0} of {1}: scan {2} of partitions {3} {4}{5}",
        first.id(),
        first.view(),
        scan,
        partitions,
        state.code(),
        error == null ? "" : ": " + error);
    return report(state, error);
  }
}
