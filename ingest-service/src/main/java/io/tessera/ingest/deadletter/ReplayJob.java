package io.tessera.ingest.deadletter;

import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.pipeline.BatchResult;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replay of a view's dead letters: its progress, written by the replay's thread and read by
 * status requests, and the cancel flag the replay checks between batches.
 */
public final class ReplayJob {

  private final String id;
  private final CompiledView view;
  private final Clock clock;
  private final Instant createdAt;
  private final AtomicLong toScan = new AtomicLong();
  private final AtomicLong scanned = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile BatchResult published = BatchResult.EMPTY;
  private volatile ReplayState state = ReplayState.QUEUED;
  private volatile Instant finishedAt;
  private volatile String error;
  private volatile boolean cancelRequested;

  ReplayJob(String id, CompiledView view, Clock clock) {
    this.id = id;
    this.view = view;
    this.clock = clock;
    this.createdAt = clock.instant();
  }

  String id() {
    return id;
  }

  CompiledView view() {
    return view;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  /** Asks the job to stop after its current batch; a queued job stops before it starts. */
  synchronized void cancel() {
    cancelRequested = true;
    if (state == ReplayState.QUEUED) {
      finish(ReplayState.CANCELLED, null);
    }
  }

  /** Moves a queued job to running; false if it was cancelled meanwhile. */
  synchronized boolean start() {
    if (state != ReplayState.QUEUED) {
      return false;
    }
    state = ReplayState.RUNNING;
    return true;
  }

  void toScan(long records) {
    toScan.set(records);
  }

  void scanned(long records) {
    scanned.addAndGet(records);
  }

  void skipped() {
    skipped.incrementAndGet();
  }

  void published(BatchResult batch) {
    published = published.plus(batch);
  }

  synchronized void finish(ReplayState finalState, String why) {
    if (!state.isFinal()) {
      state = finalState;
      error = why;
      finishedAt = clock.instant();
    }
  }

  ReplayStatus status() {
    BatchResult total = published;
    return new ReplayStatus(
        id,
        view.name(),
        view.version(),
        state,
        toScan.get(),
        scanned.get(),
        total.total(),
        total.normalized(),
        total.filtered(),
        total.deadLettered(),
        skipped.get(),
        createdAt,
        finishedAt,
        error);
  }
}
