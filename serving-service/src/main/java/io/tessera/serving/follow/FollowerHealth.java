package io.tessera.serving.follow;

import io.tessera.service.loop.ConsumerLoopHealth;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code follower} health component: the consumer loop's health (DOWN when the loop died), with
 * whether the follower caught up and each partition's lag.
 */
public final class FollowerHealth implements HealthIndicator {
  private final ConsumerLoopHealth loop;
  private final PartitionFollower follower;

  public FollowerHealth(ConsumerLoopHealth loop, PartitionFollower follower) {
    this.loop = loop;
    this.follower = follower;
  }

  /** The loop's own check, for whoever starts the loop. */
  public ConsumerLoopHealth loop() {
    return loop;
  }

  @Override
  public Health health() {
    Health health = loop.health();
    return Health.status(health.getStatus())
        .withDetails(health.getDetails())
        .withDetail("topic", follower.topic())
        .withDetail("caughtUp", follower.caughtUp())
        .withDetail("lag", follower.lags())
        .build();
  }
}
