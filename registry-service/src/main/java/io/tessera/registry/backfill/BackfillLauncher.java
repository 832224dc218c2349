package io.tessera.registry.backfill;

import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.registry.backfill.BackfillRefusedException.Reason;
import io.tessera.registry.store.StoredVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts backfills: publishes a {@link BackfillCommand.Start} to the workers, then its {@link
 * io.tessera.records.backfill.BackfillState#QUEUED} status, and knows that status at once (the
 * follower reads it back a moment later).
 *
 * <p>The command goes first so that a crash in between leaves a backfill that runs (the worker's
 * statuses follow), never a status that waits forever for a command no one sent. If the crash also
 * loses the worker's statuses, the reconciler starts the version again: a second run rewrites the
 * same rows. Checking for an existing backfill and starting one happen under one lock, so that a
 * registration and the reconciler never both start the same version.
 */
@Component
public class BackfillLauncher {

  /** The reason of a start that registering a version asked for. */
  static final String REGISTERED = "registered";

  /** The reason of a start that someone asked for over the API. */
  static final String REQUESTED = "requested";

  /** Long enough for a start-up's read of the status topic, short enough for an HTTP request. */
  private static final Duration CATCH_UP_WAIT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(BackfillLauncher.class);

  private final BackfillPublisher publisher;
  private final BackfillStatuses statuses;
  private final Clock clock = Clock.systemUTC();

  BackfillLauncher(BackfillPublisher publisher, BackfillStatuses statuses) {
    this.publisher = publisher;
    this.statuses = statuses;
  }

  /**
   * Starts the backfill a new version needs, if it needs one. A version listener: it logs instead
   * of throwing, and the reconciler starts what it could not.
   */
  public void versionPublished(StoredVersion version) {
    if (!version.backfillDue()) {
      return;
    }
    try {
      startIfNone(version.name(), version.version());
    } catch (RuntimeException e) {
      LOG.warn("starting the backfill of {} v{} failed", version.name(), version.version(), e);
    }
  }

  /**
   * Starts a backfill of the version's whole retention, unless the version has had a backfill
   * already (in any state: a failed one is restarted on request, not by itself).
   *
   * @return the queued status; empty if the version has one already or publishing failed
   */
  synchronized Optional<BackfillStatus> startIfNone(String view, int version) {
    if (statuses.known().any(view, version)) {
      return Optional.empty();
    }
    return launch(
        new BackfillCommand.Start(
            UUID.randomUUID().toString(), view, version, null, null, REGISTERED, now()));
  }

  /**
   * Starts the backfill someone asked for.
   *
   * @param fromMs the range's start, or null for the start of the view's retention
   * @param toMs the range's end, or null for the hand-over to the stream
   * @throws BackfillRefusedException with {@link Reason#CONFLICT} naming the queued or running
   *     backfill of the same version; {@link Reason#UNAVAILABLE} when the statuses are not read yet
   *     or the broker did not take the command
   */
  BackfillStatus startRequested(String view, int version, Long fromMs, Long toMs) {
    awaitStatuses();
    synchronized (this) {
      Optional<BackfillStatus> active = statuses.known().active(view, version);
      if (active.isPresent()) {
        throw new BackfillRefusedException(
            Reason.CONFLICT,
            "backfill %s of %s v%d is %s; cancel it or wait for it to end"
                .formatted(active.get().id(), view, version, active.get().state().code()));
      }
      return launch(
              new BackfillCommand.Start(
                  UUID.randomUUID().toString(), view, version, fromMs, toMs, REQUESTED, now()))
          .orElseThrow(
              () ->
                  new BackfillRefusedException(
                      Reason.UNAVAILABLE, "the broker did not take the backfill request; retry"));
    }
  }

  /**
   * Waits a little for the status topic to be read: before that, "no backfill is running" and
   * "unknown backfill" cannot be told.
   */
  void awaitStatuses() {
    try {
      if (statuses.awaitCaughtUp(CATCH_UP_WAIT)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new BackfillRefusedException(
        Reason.UNAVAILABLE, "the backfill statuses are still being read; retry in a few seconds");
  }

  private Optional<BackfillStatus> launch(BackfillCommand.Start start) {
    if (!publisher.publish(start)) {
      LOG.warn(
          "backfill {} of {} v{} ({}) not requested: the broker did not take it",
          start.id(),
          start.view(),
          start.version(),
          start.reason());
      return Optional.empty();
    }
    BackfillStatus queued = BackfillStatus.queued(start);
    if (!publisher.publish(queued)) {
      // The command is on its way; the worker's first status will say the rest.
      LOG.warn("backfill {} was requested but its queued status not published", start.id());
    }
    statuses.known().put(queued);
    LOG.info(
        "backfill {} of {} v{} requested ({})",
        start.id(),
        start.view(),
        start.version(),
        start.reason());
    return Optional.of(queued);
  }

  private Instant now() {
    return Instant.now(clock);
  }
}
