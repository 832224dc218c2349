package io.tessera.serving.follow;

import io.tessera.service.loop.ConsumerLoopHealth;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the follower's loop with the application (readiness refusing until it caught up) and stops
 * it first on shutdown.
 */
public final class FollowerRunner implements SmartLifecycle {
  /** How long shutdown waits for the loop to finish its batch and leave the group. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final PartitionFollower follower;
  private final ConsumerLoopHealth health;
  private final FollowerReadiness readiness;
  private Thread thread;

  public FollowerRunner(
      PartitionFollower follower, ConsumerLoopHealth health, FollowerReadiness readiness) {
    this.follower = follower;
    this.health = health;
    this.readiness = readiness;
  }

  @Override
  public synchronized void start() {
    readiness.starting();
    thread = health.start("serving-follower", follower);
  }

  @Override
  public synchronized void stop() {
    if (thread != null) {
      health.stop(follower::stop, STOP_WAIT);
      thread = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return thread != null;
  }
}
