package io.tessera.serving.online;

import io.tessera.definitions.view.FeatureView;
import io.tessera.registryclient.BackfillCompletions;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.TileLineage;
import io.tessera.registryclient.VersionReadiness;
import java.time.Clock;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Which version of a view answers unpinned requests in this instance: its <em>serving version</em>.
 *
 * <p>A version is a candidate when it is ready by the platform-wide rule ({@link VersionReadiness}:
 * its lineage needed no backfill, or the backfill completed). A candidate of a new lineage takes
 * over from the older one once this instance's follower has also caught up with its stream: its
 * watermark here has reached the older lineage's, or is within the view's expected freshness of the
 * wall clock. A lineage whose stream replays the source's history (a semantic change of a view
 * without a batch source completes at once) would otherwise answer from a fraction of it; this way
 * nothing turns {@code stale} because of a change. Once taken over, a lineage keeps serving here (a
 * view only moves forward), and each request reads one decision: the switch is atomic per request.
 *
 * <p>Completions come from the {@code backfill-status} topic ({@code BackfillStatusFollower});
 * serving instances are stateless, so each one rebuilds them from the topic at start-up.
 */
public final class ServingVersions {
  private final BackfillCompletions completions;
  private final ToLongFunction<String> lineageWatermarkMs;
  private final Clock clock;
  private final Set<String> takenOver = ConcurrentHashMap.newKeySet();

  /**
   * @param lineageWatermarkMs this instance's watermark of a lineage (by storage name), {@link
   *     Long#MIN_VALUE} when it has none yet
   */
  public ServingVersions(
      BackfillCompletions completions, ToLongFunction<String> lineageWatermarkMs, Clock clock) {
    this.completions = completions;
    this.lineageWatermarkMs = lineageWatermarkMs;
    this.clock = clock;
  }

  /**
   * The serving version: walking the live versions oldest first, each ready one takes over from the
   * current one when it continues its lineage or its own stream has caught up here. If none is
   * ready, the newest live version (there is nothing older to answer from). Empty for a deleted or
   * unknown view.
   */
  public OptionalInt servingVersion(DefinitionHistory<FeatureView> history) {
    if (history == null || history.latest().isEmpty()) {
      return OptionalInt.empty();
    }
    List<RegisteredDefinition<FeatureView>> live = VersionReadiness.live(history);
    RegisteredDefinition<FeatureView> current = null;
    for (RegisteredDefinition<FeatureView> candidate : live) {
      if (!VersionReadiness.isReady(history, candidate.version(), completions)) {
        continue;
      }
      if (current == null || takesOver(history, current, candidate)) {
        current = candidate;
      }
    }
    return OptionalInt.of((current != null ? current : live.get(live.size() - 1)).version());
  }

  private boolean takesOver(
      DefinitionHistory<FeatureView> history,
      RegisteredDefinition<FeatureView> current,
      RegisteredDefinition<FeatureView> candidate) {
    String lineage = TileLineage.storageName(history, candidate.version());
    String currentLineage = TileLineage.storageName(history, current.version());
    if (lineage.equals(currentLineage) || takenOver.contains(lineage)) {
      return true;
    }
    long fresh = clock.millis() - candidate.definition().expectedFreshnessMs();
    long caughtUpAt = Math.min(lineageWatermarkMs.applyAsLong(currentLineage), fresh);
    if (lineageWatermarkMs.applyAsLong(lineage) >= caughtUpAt) {
      takenOver.add(lineage);
      return true;
    }
    return false;
  }
}
