package io.tessera.training.job;

import java.time.Duration;

/**
 * A request refused before any work because as many jobs as allowed are running or queued: every
 * queued job holds its loaded spine in its own DuckDB, so an unbounded queue would be unbounded
 * memory. The host answers "try again later" (HTTP: 429 with {@code Retry-After}).
 *
 * @see TrainingJobs#submit
 */
public final class TrainingQueueFullException extends RuntimeException {
  private final int maxPendingJobs;
  private final Duration retryAfter;

  TrainingQueueFullException(int maxPendingJobs, Duration retryAfter) {
    super(maxPendingJobs + " training-data jobs are running or queued");
    this.maxPendingJobs = maxPendingJobs;
    this.retryAfter = retryAfter;
  }

  /** The jobs running or queued at most, all taken. */
  public int maxPendingJobs() {
    return maxPendingJobs;
  }

  /** How long a refused client should wait: a job takes tens of seconds to minutes. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
