package io.tessera.aggregation.backfill;

import io.tessera.backfill.Cancellation;
import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.tile.Tiling;
import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.streamcore.lineage.Lineage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * One requested backfill, coordinated by the instance that took its start command: resolves the
 * version and its range, divides it into one {@link BackfillCommand.Task task} per normalized
 * partition on the requests topic (so every worker of the group scans for some: {@link ScanJob}),
 * follows their scans' reports, and ends COMPLETED (every partition's rows and tiles durable, every
 * dead letter acknowledged), FAILED (a scan failed) or CANCELLED, as its {@link JobReport}
 * publishes from the scans' counts. A restarted coordinator publishes only the tasks of partitions
 * not written yet. A job released because its partition moved publishes no end: the partition's new
 * owner coordinates it again.
 */
final class BackfillJob {
  private static final System.Logger LOG = System.getLogger(BackfillJob.class.getName());

  /** How long the final status may take to be acknowledged before the job counts as unfinished. */
  private static final Duration FINAL_STATUS_WAIT = Duration.ofSeconds(30);

  /** How often a start waiting for its version looks at the registry's snapshot again. */
  private static final long REGISTRY_POLL_MS = 100;

  /** How often the coordinator looks at its scans' reports. */
  private static final long REPORTS_POLL_MS = 200;

  private final BackfillCommand.Start start;
  private final TopicPartition partition;
  private final long offset;
  private final BackfillContext context;
  private final Cancellation cancellation = new Cancellation();
  // none until the tasks are out, then the sum of their scans' reports
  private volatile Supplier<BackfillCounts> counts = () -> BackfillCounts.NONE;
  private volatile boolean released;

  BackfillJob(
      BackfillCommand.Start start, TopicPartition partition, long offset, BackfillContext context) {
    this.start = start;
    this.partition = partition;
    this.offset = offset;
    this.context = context;
  }

  String id() {
    return start.id();
  }

  TopicPartition partition() {
    return partition;
  }

  long offset() {
    return offset;
  }

  /** A cancel command: the job stops at its next check and ends CANCELLED. */
  void cancel() {
    cancellation.cancel();
  }

  /** Its partition moved: the job stops at its next check and leaves the backfill to the owner. */
  void release() {
    released = true;
    cancellation.cancel();
  }

  /**
   * Runs the backfill to its end.
   *
   * @return whether the command is done with: its final status is acknowledged. False for a
   *     released job, or when the final status could not be published (then the command stays
   *     uncommitted and a later owner runs it again)
   */
  boolean run() {
    JobReport report = new JobReport(start, () -> counts.get(), context);
    report.started();
    long intervalMs = context.properties().statusInterval().toMillis();
    ScheduledFuture<?> ticks =
        context
            .ticks()
            .scheduleAtFixedRate(
                () -> tickQuietly(report), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    BackfillState state;
    String error = null;
    try {
      backfill(report);
      state = BackfillState.COMPLETED;
    } catch (CancellationException e) {
      state = BackfillState.CANCELLED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = BackfillState.CANCELLED;
    } catch (Exception e) {
      state = BackfillState.FAILED;
      error = messageOf(e);
    } finally {
      ticks.cancel(false);
    }
    if (released && state != BackfillState.COMPLETED) {
      report.handedOver(state);
      return false;
    }
    return acknowledged(report.end(state, error), state);
  }

  /** A cancel before the job ran: its final status, with nothing done. */
  boolean cancelQueued() {
    JobReport report = new JobReport(start, () -> BackfillCounts.NONE, context);
    return acknowledged(report.end(BackfillState.CANCELLED, null), BackfillState.CANCELLED);
  }

  private void backfill(JobReport report) throws Exception {
    FeatureView version =
        awaitVersion(context, start.view(), start.version(), cancellation).definition();
    if (version.batchSource().isEmpty()) {
      // a semantic change of a stream-only view: its history is the stream's retained events
      LOG.log(
          System.Logger.Level.INFO,
          "backfill {0}: {1} version {2} has no batch source; nothing to read",
          start.id(),
          start.view(),
          start.version());
      return;
    }
    Lineage lineage =
        context
            .lineages()
            .of(start.view(), start.version())
            .orElseThrow(() -> new IllegalStateException("no lineage of " + start.view()));
    long coarsestMs = new Tiling(lineage.aggregator().view().resolutions()).resolutionMs(0);
    Optional<BackfillRange> range =
        BackfillRange.of(start, version, lineage.streamFromMs(), coarsestMs);
    if (range.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "backfill {0}: nothing to write before {1}''s hand-over at {2}",
          start.id(),
          lineage.storageName(),
          Instant.ofEpochMilli(lineage.streamFromMs()));
      return;
    }
    report.range(range.get());
    distribute(range.get());
  }

  /**
   * Publishes a task per normalized partition not written yet (a coordinator that runs again after
   * a crash finds the others in the reports) and returns when every partition is written.
   *
   * @throws IllegalStateException when a scan failed (its error is the backfill's)
   * @throws CancellationException when cancelled or released
   */
  private void distribute(BackfillRange range) throws Exception {
    int partitions = context.normalizedPartitions().getAsInt();
    counts = () -> context.reports().tally(start.id()).counts();
    Set<Integer> written = context.reports().tally(start.id()).written();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      if (!written.contains(partition)) {
        sent.add(
            context
                .tasks()
                .publish(
                    new BackfillCommand.Task(
                        start.id(),
                        start.view(),
                        start.version(),
                        range.fromMs(),
                        range.toMs(),
                        partition,
                        partitions,
                        start.requestedAt())));
      }
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
    LOG.log(
        System.Logger.Level.INFO,
        "backfill {0}: {1} tasks published ({2} of {3} partitions were written already)",
        start.id(),
        sent.size(),
        written.size(),
        partitions);
    while (true) {
      if (cancellation.isCancelled()) {
        throw new CancellationException("the backfill was cancelled");
      }
      ScanTally tally = context.reports().tally(start.id());
      if (tally.failed().isPresent()) {
        throw new IllegalStateException(
            "the scan of partitions "
                + tally.failed().get().partitions()
                + " on "
                + tally.failed().get().worker()
                + " failed: "
                + tally.failed().get().error());
      }
      if (tally.written().size() >= partitions) {
        return;
      }
      Thread.sleep(REPORTS_POLL_MS);
    }
  }

  /**
   * The version, once the registry delivered it to this instance (the registry publishes it before
   * the command).
   *
   * @throws IllegalStateException when it did not come within {@code unknown-version-wait}
   * @throws CancellationException when cancelled while waiting
   */
  static RegisteredDefinition<FeatureView> awaitVersion(
      BackfillContext context, String view, int version, Cancellation cancellation)
      throws InterruptedException {
    long waitMs = context.properties().unknownVersionWait().toMillis();
    long deadlineMs = context.clock().millis() + waitMs;
    while (true) {
      Optional<RegisteredDefinition<FeatureView>> found = context.views().version(view, version);
      if (found.isPresent()) {
        return found.get();
      }
      if (cancellation.isCancelled()) {
        throw new CancellationException("cancelled while waiting for the registry");
      }
      if (context.clock().millis() >= deadlineMs) {
        throw new IllegalStateException(
            "the registry has no version "
                + version
                + " of view '"
                + view
                + "' (waited "
                + waitMs
                + " ms)");
      }
      Thread.sleep(REGISTRY_POLL_MS);
    }
  }

  private void tickQuietly(JobReport report) {
    try {
      report.tick();
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: log, and tick on
      LOG.log(System.Logger.Level.WARNING, "backfill " + start.id() + ": status not sent", e);
    }
  }

  private boolean acknowledged(Future<Void> sent, BackfillState state) {
    return acknowledged(
        sent,
        "backfill " + start.id() + ": final status " + state + " not published; it runs again");
  }

  /**
   * Waits up to {@link #FINAL_STATUS_WAIT} for a job's final word to be acknowledged: until it is,
   * its command is not done with (it stays uncommitted and runs again).
   *
   * @param failure what is logged when it was not
   */
  static boolean acknowledged(Future<Void> sent, String failure) {
    try {
      sent.get(FINAL_STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(System.Logger.Level.ERROR, failure, e);
    }
    return false;
  }

  /** What a status says of a failure: the first cause with a message, not a wrapper's. */
  static String messageOf(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
