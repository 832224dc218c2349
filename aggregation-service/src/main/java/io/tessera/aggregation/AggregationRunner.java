package io.tessera.aggregation;

import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.service.loop.ConsumerLoopHealth;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the consumer loop once the application is up and the registry client has caught up (so the
 * views of the first records are known), and stops it first on shutdown.
 */
final class AggregationRunner implements SmartLifecycle {
  /** How long shutdown waits for the loop to finish its batch and leave the group. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private static final System.Logger LOG = System.getLogger(AggregationRunner.class.getName());

  private final Runnable loop;
  private final Runnable stopLoop;
  private final ViewCatalog views;
  private final Duration registryWait;
  private final ConsumerLoopHealth health;
  private Thread thread;

  /**
   * @param loop the consumer loop ({@code OwnerLoop})
   * @param stopLoop asks the loop to stop; the runner then waits for its thread
   */
  AggregationRunner(
      Runnable loop,
      Runnable stopLoop,
      ViewCatalog views,
      Duration registryWait,
      ConsumerLoopHealth health) {
    this.loop = loop;
    this.stopLoop = stopLoop;
    this.views = views;
    this.registryWait = registryWait;
    this.health = health;
  }

  @Override
  public synchronized void start() {
    try {
      if (!views.awaitCaughtUp(registryWait)) {
        LOG.log(
            System.Logger.Level.WARNING, "registry not caught up; records of unknown views wait");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    thread = health.start("aggregation-loop", loop);
  }

  @Override
  public synchronized void stop() {
    if (thread != null) {
      health.stop(stopLoop, STOP_WAIT);
      thread = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
