package io.tessera.aggregation.backfill;

import io.tessera.service.loop.ConsumerLoopHealth;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the backfill worker's consumer thread once the application is up, and stops it first on
 * shutdown: running backfills are released (their commands stay uncommitted, so another instance
 * runs them) and the thread leaves the group.
 */
final class BackfillRunner implements SmartLifecycle {
  private final BackfillWorker worker;
  private final ConsumerLoopHealth health;
  private final Duration stopWait;
  private Thread thread;

  /**
   * @param stopWait how long shutdown waits for the worker to release its backfills and leave
   */
  BackfillRunner(BackfillWorker worker, ConsumerLoopHealth health, Duration stopWait) {
    this.worker = worker;
    this.health = health;
    this.stopWait = stopWait;
  }

  @Override
  public synchronized void start() {
    thread = health.start("backfill-worker", worker);
  }

  @Override
  public synchronized void stop() {
    if (thread != null) {
      health.stop(worker::stop, stopWait);
      thread = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
