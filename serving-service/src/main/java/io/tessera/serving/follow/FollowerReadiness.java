package io.tessera.serving.follow;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The application's availability on a follower: readiness is {@code REFUSING_TRAFFIC} until the
 * follower has caught up, then {@code ACCEPTING_TRAFFIC}; until then its open state misses recent
 * events and answers would be stale.
 *
 * <p>Spring Boot declares the application ready once it has started, which may be before the
 * follower caught up. This bean replaces Boot's {@link ApplicationAvailabilityBean} (Boot backs off
 * when one exists) and answers that declaration, in the same listener call that records it, with a
 * {@code REFUSING_TRAFFIC} event of its own instead of recording it, so the recorded state never
 * reads ready while the follower is behind, and every other listener ends with the refusal; the
 * follower's {@link #caughtUp} publishes the acceptance. Checks and publications happen under one
 * lock, so the last word is always the follower's.
 */
public final class FollowerReadiness extends ApplicationAvailabilityBean {
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
  public synchronized void onApplicationEvent(AvailabilityChangeEvent<?> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC && !caughtUp) {
      // not recorded, not even for the instant before the refusal: a probe then would read ready
      AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
      return;
    }
    super.onApplicationEvent(event);
  }
}
