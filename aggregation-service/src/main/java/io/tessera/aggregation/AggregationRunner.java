package io.tessera.aggregation;

import io.tessera.aggregation.consume.AggregationLoop;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.service.loop.ConsumerLoopHealth;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the consumer loop once the application is up and the registry client has caught up (so the
 * views of the first records are known), and stops it first on shutdown.
 */
final class AggregationRunner implements SmartLifecycle {
  private static final System.Logger LOG = System.getLogger(AggregationRunner.class.getName());

  private final AggregationLoop loop;
  private final ViewCatalog views;
  private final Duration registryWait;
  private final ConsumerLoopHealth health;
  private Thread thread;

  AggregationRunner(
      AggregationLoop loop, ViewCatalog views, Duration registryWait, ConsumerLoopHealth health) {
    this.loop = loop;
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
      health.stopping();
      loop.stop();
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
