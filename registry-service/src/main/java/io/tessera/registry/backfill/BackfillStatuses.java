package io.tessera.registry.backfill;

import io.tessera.registry.RegistryProperties;
import io.tessera.registryclient.BackfillStatusFollower;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Every backfill's newest status as this registry knows it: followed from the {@code
 * backfill-status} topic (the shared {@link BackfillStatusFollower}) into {@link KnownBackfills},
 * plus those this registry published itself.
 */
@Component
public class BackfillStatuses implements InitializingBean, DisposableBean {

  private final KnownBackfills known = new KnownBackfills();
  private final BackfillStatusFollower follower;

  public BackfillStatuses(KafkaProperties kafka, RegistryProperties properties) {
    this.follower =
        new BackfillStatusFollower(
            kafka.buildConsumerProperties(), properties.backfillStatusTopic(), known::put);
  }

  @Override
  public void afterPropertiesSet() {
    follower.start();
  }

  /** The statuses read so far, and those this registry published itself. */
  KnownBackfills known() {
    return known;
  }

  /** Whether every status that was on the topic when it was first assigned has been read. */
  public boolean isCaughtUp() {
    return follower.isCaughtUp();
  }

  /** Why the follower stopped following, if it did (it does not restart). */
  public Optional<RuntimeException> failure() {
    return follower.failure();
  }

  public String topic() {
    return follower.topic();
  }

  /** Waits until {@link #isCaughtUp()}; false if {@code timeout} passed first. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return follower.awaitCaughtUp(timeout);
  }

  @Override
  public void destroy() throws InterruptedException {
    follower.close();
  }
}
