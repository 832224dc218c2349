package io.tessera.registry.backfill;

import io.tessera.registry.RegistryProperties;
import io.tessera.registry.store.DefinitionStore;
import io.tessera.registry.store.NameState;
import io.tessera.registry.store.StoredVersion;
import io.tessera.registryclient.DefinitionKind;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Starts the backfills that registrations should have started and did not: a crash or a broker
 * outage between publishing a version and its backfill command. For every live view whose newest
 * version is {@code backfillDue} and has no backfill in any state on the status topic, it starts
 * one. Runs once before the service reports ready, after the {@code TopicReconciler} (so the
 * version itself is on the topic first, where workers read it), then every {@code
 * tessera.registry.reconcile-interval}.
 */
@Component
@Order(BackfillReconciler.ORDER)
public class BackfillReconciler implements ApplicationRunner, DisposableBean {

  /** After the {@code TopicReconciler}'s first run. */
  public static final int ORDER = 100;

  private static final Logger LOG = LoggerFactory.getLogger(BackfillReconciler.class);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);

  private final DefinitionStore store;
  private final BackfillLauncher launcher;
  private final BackfillStatuses statuses;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "registry-backfill-reconciler");
            thread.setDaemon(true);
            return thread;
          });

  BackfillReconciler(
      DefinitionStore store,
      BackfillLauncher launcher,
      BackfillStatuses statuses,
      RegistryProperties properties) {
    this.store = store;
    this.launcher = launcher;
    this.statuses = statuses;
    this.interval = properties.reconcileInterval();
  }

  @Override
  public void run(ApplicationArguments args) {
    reconcileQuietly();
    scheduler.scheduleWithFixedDelay(
        this::reconcileQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts every missing backfill.
   *
   * @return how many it started
   */
  public int reconcile() throws InterruptedException {
    if (!statuses.awaitCaughtUp(CATCH_UP_TIMEOUT)) {
      LOG.warn("the backfill status topic could not be read; reconciling backfills later");
      return 0;
    }
    int started = 0;
    for (NameState state : store.states(DefinitionKind.VIEW)) {
      Optional<StoredVersion> newest =
          store
              .newest(DefinitionKind.VIEW, state.name())
              .filter(v -> v.version() > state.deletedThroughVersion());
      if (newest.isPresent() && newest.get().backfillDue()) {
        StoredVersion version = newest.get();
        if (launcher.startIfNone(version.name(), version.version()).isPresent()) {
          LOG.info("started the missing backfill of {} v{}", version.name(), version.version());
          started++;
        }
      }
    }
    return started;
  }

  private void reconcileQuietly() {
    try {
      reconcile();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("reconciling backfills failed; retrying later", e);
    }
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
