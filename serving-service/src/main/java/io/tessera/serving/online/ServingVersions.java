package io.tessera.serving.online;

import io.tessera.definitions.view.FeatureView;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which version of a view answers unpinned requests: its <em>serving version</em>. A version
 * registered with {@code backfillDue=false} serves as soon as the registry publishes it. A version
 * with {@code backfillDue=true} serves only once a backfill completion for it is known; until then
 * the newest earlier live version that is ready keeps serving. The switch is atomic per request:
 * the serving version is computed from one immutable registry snapshot and the completions known at
 * that moment, and a completion only ever moves a view forward.
 *
 * <p>Completions come from the {@code backfill-status} topic (see {@code BackfillStatusFollower});
 * serving instances are stateless, so each one rebuilds them from the topic at start-up.
 */
public final class ServingVersions {
  private final Map<String, Set<Integer>> completedBackfills = new ConcurrentHashMap<>();

  /** Records that the backfill of {@code view} version {@code version} has completed. */
  public void backfillCompleted(String view, int version) {
    completedBackfills.computeIfAbsent(view, name -> ConcurrentHashMap.newKeySet()).add(version);
  }

  public boolean isBackfilled(String view, int version) {
    Set<Integer> done = completedBackfills.get(view);
    return done != null && done.contains(version);
  }

  /**
   * The serving version of a view: the newest live version that is ready (no backfill due, or its
   * backfill completed); if none is ready, the newest live version (there is nothing older to
   * answer from). Empty for a deleted or unknown view.
   */
  public OptionalInt servingVersion(DefinitionHistory<FeatureView> history) {
    if (history == null || history.latest().isEmpty()) {
      return OptionalInt.empty();
    }
    List<RegisteredDefinition<FeatureView>> versions = history.all();
    for (int i = versions.size() - 1; i >= 0; i--) {
      RegisteredDefinition<FeatureView> candidate = versions.get(i);
      if (candidate.version() <= history.deletedThroughVersion()) {
        break;
      }
      if (!candidate.record().backfillDue() || isBackfilled(history.name(), candidate.version())) {
        return OptionalInt.of(candidate.version());
      }
    }
    return OptionalInt.of(history.latest().get().version());
  }
}
