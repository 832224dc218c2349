package io.tessera.training.job;

import io.tessera.records.normalized.EntityKeys;
import io.tessera.streamcore.read.ViewPlan;
import io.tessera.training.access.TrainingAccess;
import io.tessera.training.history.BatchHistory;
import io.tessera.training.output.FeatureColumn;
import io.tessera.training.output.OutputTarget;
import io.tessera.training.output.TrainingOutput;
import io.tessera.training.spine.SpineRows;
import io.tessera.training.sweep.Timelines;
import io.tessera.training.sweep.TrainingSweep;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training-data job: a validated spine in its own DuckDB database, swept and written. Its
 * progress is read by other threads (status, cancel) while the job's thread runs it.
 */
final class TrainingJob {
  private static final Logger log = LoggerFactory.getLogger(TrainingJob.class);

  /** How often a running job logs its progress. */
  private static final Duration LOG_EVERY = Duration.ofSeconds(5);

  private final String id;
  private final Connection duck;
  private final SpineRows spine;
  private final List<FeatureColumn> columns;
  private final OutputTarget output;
  private final TrainingAccess access;
  private final Clock clock;
  private final Instant submittedAt;
  private final CompletableFuture<TrainingJobStatus> completion = new CompletableFuture<>();

  private volatile JobState state = JobState.QUEUED;
  private volatile long rowsDone;
  private volatile long runStartNanos;
  private volatile long runEndNanos;
  private volatile Instant finishedAt;
  private volatile String error;
  private volatile boolean cancelRequested;

  TrainingJob(
      String id,
      Connection duck,
      SpineRows spine,
      List<FeatureColumn> columns,
      OutputTarget output,
      TrainingAccess access,
      Clock clock) {
    this.id = id;
    this.duck = duck;
    this.spine = spine;
    this.columns = columns;
    this.output = output;
    this.access = access;
    this.clock = clock;
    this.submittedAt = clock.instant();
  }

  String id() {
    return id;
  }

  /** Completes with the final status. */
  CompletableFuture<TrainingJobStatus> completion() {
    return completion;
  }

  /** Asks the job to stop; a queued job stops before it starts. */
  void cancel() {
    cancelRequested = true;
    if (state == JobState.QUEUED) {
      finish(JobState.CANCELLED, null);
    }
  }

  void run(Timelines timelines, java.util.concurrent.Executor cpu, int maxInFlight) {
    synchronized (this) {
      if (state != JobState.QUEUED) {
        return; // cancelled while queued
      }
      state = JobState.RUNNING;
    }
    runStartNanos = System.nanoTime();
    log.info(
        "training job {}: {} spine rows, {} feature columns, to {}",
        id,
        spine.size(),
        columns.size(),
        output.path());
    long[] nextLogNanos = {runStartNanos + LOG_EVERY.toNanos()};
    try (TrainingOutput out = new TrainingOutput(duck, columns)) {
      TrainingSweep sweep =
          new TrainingSweep(timelines, columns, loadHistories(), clock.millis(), cpu, maxInFlight);
      boolean complete =
          sweep.run(
              spine,
              out::write,
              done -> {
                rowsDone = done;
                if (System.nanoTime() >= nextLogNanos[0]) {
                  nextLogNanos[0] = System.nanoTime() + LOG_EVERY.toNanos();
                  logProgress();
                }
              },
              () -> cancelRequested);
      log.info("training job {}: {}", id, sweep.timings());
      if (!complete) {
        finish(JobState.CANCELLED, null);
        return;
      }
      out.finish(output);
      finish(JobState.SUCCEEDED, null);
    } catch (Exception | OutOfMemoryError e) {
      log.warn("training job {} failed", id, e);
      finish(JobState.FAILED, String.valueOf(e.getMessage()));
    } finally {
      closeQuietly();
    }
  }

  /**
   * Reads the batch source of every selected view that has one, keeping the spine's entities: the
   * history older than what the store holds.
   */
  private Map<ViewPlan, BatchHistory> loadHistories() throws java.sql.SQLException {
    Map<ViewPlan, BatchHistory> histories = new LinkedHashMap<>();
    for (FeatureColumn column : columns) {
      ViewPlan view = column.view();
      if (histories.containsKey(view) || view.definition().batchSource().isEmpty()) {
        continue;
      }
      Set<String> entities = new HashSet<>();
      for (int row = 0; row < spine.size(); row++) {
        List<String> values = new ArrayList<>();
        for (String key : view.definition().entity()) {
          values.add(spine.key(key, row));
        }
        entities.add(EntityKeys.encode(values));
      }
      BatchHistory history = BatchHistory.load(view.definition(), entities, access);
      log.info(
          "training job {}: batch source of {}: {} rows read, {} rejected by its transformation",
          id,
          view.view(),
          history.rows(),
          history.rejected());
      histories.put(view, history);
    }
    return histories;
  }

  private synchronized void finish(JobState finalState, String reason) {
    if (state.isFinal()) {
      return;
    }
    runEndNanos = System.nanoTime();
    state = finalState;
    error = reason;
    finishedAt = clock.instant();
    if (finalState != JobState.SUCCEEDED) {
      try {
        Files.deleteIfExists(output.partialPath());
      } catch (java.io.IOException e) {
        log.warn("training job {}: could not remove its partial output", id, e);
      }
    }
    if (finalState == JobState.CANCELLED && runStartNanos == 0) {
      closeQuietly();
    }
    TrainingJobStatus status = status();
    log.info(
        "training job {} {}: {}/{} rows, {} rows/s{}",
        id,
        finalState.jsonName(),
        status.rowsDone(),
        status.rowsTotal(),
        Math.round(status.rowsPerSecond()),
        reason == null ? "" : ", " + reason);
    completion.complete(status);
  }

  private void logProgress() {
    TrainingJobStatus status = status();
    log.info(
        "training job {}: {}/{} rows ({}%), {} rows/s, ETA {} s",
        id,
        status.rowsDone(),
        status.rowsTotal(),
        status.rowsTotal() == 0 ? 100 : status.rowsDone() * 100 / status.rowsTotal(),
        Math.round(status.rowsPerSecond()),
        status.etaSeconds());
  }

  TrainingJobStatus status() {
    long done = rowsDone;
    long total = spine.size();
    JobState now = state;
    double rate = 0;
    if (runStartNanos != 0) {
      long end = now.isFinal() ? runEndNanos : System.nanoTime();
      double seconds = Math.max(1e-3, (end - runStartNanos) / 1e9);
      rate = done / seconds;
    }
    Long etaSeconds = now.isFinal() || rate <= 0 ? null : (long) Math.ceil((total - done) / rate);
    return new TrainingJobStatus(
        id,
        now,
        done,
        total,
        rate,
        etaSeconds,
        output.path().toAbsolutePath().toString(),
        output.format(),
        columns.stream().map(FeatureColumn::name).toList(),
        submittedAt,
        finishedAt,
        error);
  }

  private void closeQuietly() {
    try {
      duck.close();
    } catch (Exception e) {
      log.debug("training job {}: closing its database failed", id, e);
    }
  }
}
