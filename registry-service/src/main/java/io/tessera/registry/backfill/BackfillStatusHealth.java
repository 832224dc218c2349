package io.tessera.registry.backfill;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code backfillStatus} health component: DOWN once the status follower has stopped on an
 * error (the backfill endpoints would answer from a frozen picture), otherwise UP with whether it
 * has caught up with the topic and how many backfills it knows.
 */
@Component("backfillStatus")
class BackfillStatusHealth implements HealthIndicator {

  private final BackfillStatuses follower;

  BackfillStatusHealth(BackfillStatuses follower) {
    this.follower = follower;
  }

  @Override
  public Health health() {
    Health.Builder health =
        follower
            .failure()
            .map(e -> Health.down().withDetail("error", e.toString()))
            .orElseGet(Health::up);
    return health
        .withDetail("topic", follower.topic())
        .withDetail("caughtUp", follower.isCaughtUp())
        .withDetail("backfills", follower.known().size())
        .build();
  }
}
