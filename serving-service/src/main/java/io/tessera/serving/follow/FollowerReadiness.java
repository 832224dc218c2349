package io.tessera.serving.follow;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Keeps readiness {@code REFUSING_TRAFFIC} until the follower has caught up, then {@code
 * ACCEPTING_TRAFFIC}: until then its open state misses recent events and answers would be stale.
 * Spring Boot declares the application ready once it has started, which may be before the follower
 * caught up; that declaration is answered with a refusal while the follower is behind. The check
 * and the publication happen under one lock, so the last word is always the follower's.
 */
public final class FollowerReadiness
    implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {
  private final ApplicationEventPublisher publisher;
  private boolean caughtUp; // guarded by this

  public FollowerReadiness(ApplicationEventPublisher publisher) {
    this.publisher = publisher;
  }

  /** The follower starts: refuse traffic until it has caught up. */
  public synchronized void starting() {
    if (!caughtUp) {
      AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
    }
  }

  /** The follower has caught up: accept traffic. */
  public synchronized void caughtUp() {
    caughtUp = true;
    AvailabilityChangeEvent.publish(publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
  }

  @Override
  public synchronized void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && !caughtUp) {
      AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
    }
  }
}
