package io.tessera.service.loop;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports whether a service's consumer loop thread is alive. A loop is the service: when it dies
 * (an {@link Error} such as {@link OutOfMemoryError}, or any exception it does not handle) nothing
 * is processed any more, so the service must say DOWN instead of staying UP with a dead thread; an
 * orchestrator then restarts it, and the partitions move to another instance meanwhile.
 *
 * <p>The check reads two fields: it answers even when the loop is wedged or the heap is nearly
 * exhausted.
 */
public final class ConsumerLoopHealth implements HealthIndicator {

  private final AtomicReference<Thread> thread = new AtomicReference<>();
  private final AtomicReference<Throwable> death = new AtomicReference<>();
  private volatile boolean stopping;

  /**
   * Starts {@code loop} on a new thread named {@code name}, watched by this check.
   *
   * @return the started thread
   */
  public Thread start(String name, Runnable loop) {
    stopping = false;
    death.set(null);
    Thread started =
        new Thread(
            () -> {
              try {
                loop.run();
              } catch (Throwable e) {
                death.set(e);
                throw e;
              }
            },
            name);
    thread.set(started);
    started.start();
    return started;
  }

  /** The loop is being stopped on purpose: its end is not a failure. */
  public void stopping() {
    stopping = true;
  }

  /**
   * Stops the loop on purpose: marks it {@link #stopping}, asks it to stop, and waits up to {@code
   * wait} for its thread to end (it closes its consumer, leaving the group).
   */
  public void stop(Runnable askToStop, Duration wait) {
    stopping();
    askToStop.run();
    Thread current = thread.get();
    if (current != null) {
      try {
        current.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Health health() {
    Thread current = thread.get();
    if (current == null) {
      return Health.unknown().withDetail("loop", "not started").build();
    }
    if (current.isAlive()) {
      return Health.up().withDetail("loop", current.getName()).build();
    }
    if (stopping) {
      return Health.outOfService().withDetail("loop", "stopped").build();
    }
    Throwable cause = death.get();
    return Health.down()
        .withDetail("loop", current.getName())
        .withDetail("error", cause == null ? "the loop ended" : cause.toString())
        .build();
  }
}
