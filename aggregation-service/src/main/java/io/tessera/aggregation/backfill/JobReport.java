package io.tessera.aggregation.backfill;

import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What one backfill tells the world while it runs: its statuses (RUNNING at the start and at every
 * tick, then one final), its meters and its log lines, all from its counts (the sum of its scans'
 * reports, {@link ScanReports#tally}). The backfill's thread and the status ticks publish in turn
 * (synchronized), and nothing is published after the final status: the status topic keeps the
 * newest record per backfill, so a late RUNNING would hide its end.
 */
final class JobReport {
  private static final System.Logger LOG = System.getLogger(JobReport.class.getName());

  private final BackfillCommand.Start start;
  private final Supplier<BackfillCounts> progress;
  private final BackfillContext context;
  private final ProgressRate rate;

  // guarded by this
  private long fromMs;
  private long toMs;
  private BackfillCounts reported = BackfillCounts.NONE;
  private long nextLogMs;
  private boolean started;
  private boolean ended;

  JobReport(
      BackfillCommand.Start start, Supplier<BackfillCounts> progress, BackfillContext context) {
    this.start = start;
    this.progress = progress;
    this.context = context;
    long nowMs = context.clock().millis();
    this.rate = new ProgressRate(nowMs);
    this.nextLogMs = nowMs + context.properties().logInterval().toMillis();
    // as requested until the range is resolved
    this.fromMs = start.fromMs() == null ? Long.MIN_VALUE : start.fromMs();
    this.toMs = start.toMs() == null ? Long.MAX_VALUE : start.toMs();
  }

  /** RUNNING, a log line and the running gauge: the backfill has started. */
  synchronized void started() {
    started = true;
    context.metrics().started(start.view());
    LOG.log(
        System.Logger.Level.INFO,
        "backfill {0} of {1} version {2} started ({3})",
        start.id(),
        start.view(),
        start.version(),
        start.reason());
    publish(BackfillState.RUNNING, null);
  }

  /** The range resolved: later statuses carry it. */
  synchronized void range(BackfillRange range) {
    fromMs = range.fromMs();
    toMs = range.toMs();
  }

  /** Every status interval: RUNNING with the counts so far; a log line every log interval. */
  synchronized void tick() {
    if (ended) {
      return;
    }
    publish(BackfillState.RUNNING, null);
    long nowMs = context.clock().millis();
    if (nowMs >= nextLogMs) {
      nextLogMs = nowMs + context.properties().logInterval().toMillis();
      log("running", System.Logger.Level.INFO, null);
    }
  }

  /** The final status; nothing is published after it. Completes when acknowledged. */
  synchronized CompletableFuture<Void> end(BackfillState state, String error) {
    CompletableFuture<Void> sent = publish(state, error);
    ended(state);
    log(
        state.code(),
        state == BackfillState.FAILED ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
        error);
    return sent;
  }

  /** Ends without a final status: the partition's next owner runs the backfill and reports it. */
  synchronized void handedOver(BackfillState state) {
    ended(state);
    log("handed over (its partition moved or this instance stops)", System.Logger.Level.INFO, null);
  }

  private void ended(BackfillState state) {
    ended = true;
    BackfillCounts counts = progress.get();
    context.metrics().grew(start.view(), reported, counts);
    reported = reported.max(counts); // the meters only grow
    context.metrics().ended(start.view(), state, started);
  }

  private CompletableFuture<Void> publish(BackfillState state, String error) {
    BackfillCounts counts = progress.get();
    long nowMs = context.clock().millis();
    ProgressRate.Rate now = rate.at(counts, nowMs);
    context.metrics().grew(start.view(), reported, counts);
    reported = reported.max(counts); // the meters only grow
    long etaSeconds =
        switch (state) {
          case COMPLETED -> 0;
          case FAILED, CANCELLED -> -1;
          default -> now.etaSeconds();
        };
    return context
        .statuses()
        .publish(
            new BackfillStatus(
                start.id(),
                start.view(),
                start.version(),
                state,
                fromMs,
                toMs,
                start.requestedAt(),
                Instant.ofEpochMilli(nowMs),
                counts,
                now.eventsPerSecond(),
                etaSeconds,
                error,
                context.workerId()));
  }

  private void log(String what, System.Logger.Level level, String error) {
    BackfillCounts counts = progress.get();
    ProgressRate.Rate now = rate.at(counts, context.clock().millis());
    LOG.log(
        level,
        "backfill {0} of {1} version {2} {3}: {4} rows ({5} rejected), {6} events, units {7}/{8},"
            + " {9} events/s, ETA {10} s{11}",
        start.id(),
        start.view(),
        start.version(),
        what,
        counts.rowsRead(),
        counts.rowsRejected(),
        counts.eventsRead(),
        counts.unitsDone(),
        counts.unitsTotal(),
        Math.round(now.eventsPerSecond()),
        now.etaSeconds(),
        error == null ? "" : ": " + error);
  }
}
