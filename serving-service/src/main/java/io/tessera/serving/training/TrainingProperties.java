package io.tessera.serving.training;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.serving.training.*}: how much training work an instance accepts.
 *
 * @param maxPendingJobs jobs accepted and not finished (the running one and those queued behind
 *     it); one more is refused with 429 and {@code Retry-After}. Every queued job holds its loaded
 *     spine in its own DuckDB database, so an unbounded queue is unbounded memory
 */
@ConfigurationProperties("tessera.serving.training")
public record TrainingProperties(@DefaultValue("4") int maxPendingJobs) {

  public TrainingProperties {
    if (maxPendingJobs < 1) {
      throw new IllegalArgumentException(
          "tessera.serving.training.max-pending-jobs must be at least 1, was " + maxPendingJobs);
    }
  }
}
