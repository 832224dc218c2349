package io.tessera.registry.backfill;

import io.tessera.definitions.view.FeatureView;
import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillStatus;
import io.tessera.registry.backfill.BackfillRefusedException.Reason;
import io.tessera.registry.definition.DefinitionNotFoundException;
import io.tessera.registry.definition.DefinitionRegistry;
import io.tessera.registry.definition.History;
import io.tessera.registry.store.StoredVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The backfills of feature views, transport-neutral: resolves the view and version against the
 * registry, then starts, lists or cancels through the launcher, the follower's statuses and the
 * publisher. The controller maps its answers and refusals to HTTP.
 */
@Component
public class Backfills {

  private final DefinitionRegistry<FeatureView> views;
  private final BackfillLauncher launcher;
  private final BackfillStatuses statuses;
  private final BackfillPublisher publisher;
  private final Clock clock = Clock.systemUTC();

  Backfills(
      DefinitionRegistry<FeatureView> views,
      BackfillLauncher launcher,
      BackfillStatuses statuses,
      BackfillPublisher publisher) {
    this.views = views;
    this.launcher = launcher;
    this.statuses = statuses;
    this.publisher = publisher;
  }

  /**
   * Starts a backfill of a live view.
   *
   * @throws DefinitionNotFoundException if the view is unknown or deleted, or has no such version
   * @throws BackfillRefusedException for a version of a deleted range, a running backfill of the
   *     same version, or a broker that did not take it
   */
  public BackfillStatus start(String view, BackfillRequest request) {
    StoredVersion live = views.get(view, OptionalInt.empty());
    int version = request.version() == null ? live.version() : existing(view, request.version());
    return launcher.startRequested(view, version, request.fromMs(), request.toMs());
  }

  /** Every backfill of a registered view (also a deleted one), newest request first. */
  public List<BackfillStatus> list(String view) {
    views.history(view);
    launcher.awaitStatuses();
    return statuses.known().of(view);
  }

  public BackfillStatus get(String view, String id) {
    views.history(view);
    launcher.awaitStatuses();
    return statuses
        .known()
        .get(view, id)
        .orElseThrow(
            () ->
                new BackfillRefusedException(
                    Reason.UNKNOWN, "feature view '" + view + "' has no backfill " + id));
  }

  /**
   * Asks the workers to stop a backfill; its status says {@code cancelled} once one has.
   *
   * @return its status as known now
   * @throws BackfillRefusedException if it is unknown or has ended, or the broker did not take it
   */
  public BackfillStatus cancel(String view, String id) {
    BackfillStatus status = get(view, id);
    if (status.state().isFinal()) {
      throw new BackfillRefusedException(
          Reason.CONFLICT, "backfill " + id + " has ended: it is " + status.state().code());
    }
    if (!publisher.publish(new BackfillCommand.Cancel(id, view, Instant.now(clock)))) {
      throw new BackfillRefusedException(
          Reason.UNAVAILABLE, "the broker did not take the cancellation; retry");
    }
    return status;
  }

  /** The requested version, if the view has it and it is not deleted. */
  private int existing(String view, int version) {
    views.get(view, OptionalInt.of(version)); // 404 when the view has no such version
    History history = views.history(view);
    if (version <= history.deletedThroughVersion()) {
      throw new BackfillRefusedException(
          Reason.BAD_REQUEST,
          "version %d of feature view '%s' is deleted (deleted through version %d); backfill a live version"
              .formatted(version, view, history.deletedThroughVersion()));
    }
    return version;
  }
}
