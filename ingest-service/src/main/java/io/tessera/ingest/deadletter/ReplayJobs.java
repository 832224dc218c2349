package io.tessera.ingest.deadletter;

import io.tessera.ingest.normalize.CompiledView;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays as jobs: starting one answers at once with its id, the scan runs on a replay thread, and
 * its progress is read (or the job cancelled) by id. A replay of a big dead-letter topic reads it
 * all; as a synchronous request it held a servlet thread and outlived every client timeout.
 *
 * <p>One replay per view at a time (the view's replay group is its position); jobs live in this
 * instance's memory, the newest {@value #MAX_FINISHED_JOBS} finished ones kept for status reads.
 */
public final class ReplayJobs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplayJobs.class);

  /** Finished jobs kept for status reads; the oldest are forgotten first. */
  static final int MAX_FINISHED_JOBS = 100;

  private final Function<String, Optional<CompiledView>> views;
  private final Consumer<ReplayJob> replay;
  private final ExecutorService threads;
  private final Clock clock;
  private final Map<String, ReplayJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, ReplayJob> activeByView = new ConcurrentHashMap<>();
  private final Deque<String> finished = new ArrayDeque<>();

  /**
   * @param views a view's newest compiled version by name (the registry's)
   * @param replay the scan itself ({@link DeadLetterReplay#run})
   * @param threads where replays run
   */
  public ReplayJobs(
      Function<String, Optional<CompiledView>> views,
      Consumer<ReplayJob> replay,
      ExecutorService threads,
      Clock clock) {
    this.views = views;
    this.replay = replay;
    this.threads = threads;
    this.clock = clock;
  }

  /**
   * Starts replaying the view's dead letters through its newest version.
   *
   * @throws ReplayRejectedException if the view is unknown or a replay of it is running
   */
  public ReplayStatus start(String viewName) {
    CompiledView view =
        views.apply(viewName).orElseThrow(() -> ReplayRejectedException.unknownView(viewName));
    ReplayJob job = new ReplayJob(UUID.randomUUID().toString(), view, clock);
    ReplayJob running = activeByView.putIfAbsent(viewName, job);
    if (running != null) {
      throw ReplayRejectedException.busy(viewName, running.id());
    }
    jobs.put(job.id(), job);
    try {
      threads.execute(() -> run(job));
    } catch (RuntimeException e) { // shutting down
      activeByView.remove(viewName, job);
      job.finish(ReplayState.FAILED, "the service is shutting down");
      throw e;
    }
    return job.status();
  }

  public Optional<ReplayStatus> status(String id) {
    return Optional.ofNullable(jobs.get(id)).map(ReplayJob::status);
  }

  /** Asks the job to stop after its current batch; its status. */
  public Optional<ReplayStatus> cancel(String id) {
    ReplayJob job = jobs.get(id);
    if (job == null) {
      return Optional.empty();
    }
    job.cancel();
    return Optional.of(job.status());
  }

  private void run(ReplayJob job) {
    try {
      if (!job.start()) {
        return; // cancelled while queued
      }
      replay.accept(job);
      job.finish(job.cancelRequested() ? ReplayState.CANCELLED : ReplayState.DONE, null);
    } catch (RuntimeException e) {
      log.warn("replay {} of view {} failed", job.id(), job.view().name(), e);
      job.finish(ReplayState.FAILED, String.valueOf(e.getMessage()));
    } finally {
      activeByView.remove(job.view().name(), job);
      forgetOldJobs(job.id());
    }
  }

  private synchronized void forgetOldJobs(String finishedId) {
    finished.addLast(finishedId);
    while (finished.size() > MAX_FINISHED_JOBS) {
      jobs.remove(finished.removeFirst());
    }
  }

  /** Asks running replays to stop and stops their threads (the service is shutting down). */
  @Override
  public void close() {
    jobs.values().forEach(ReplayJob::cancel);
    threads.shutdownNow();
  }
}
