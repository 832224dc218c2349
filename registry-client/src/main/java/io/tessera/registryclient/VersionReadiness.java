package io.tessera.registryclient;

import io.tessera.definitions.view.FeatureView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which versions of a view take part while a new lineage fills, one rule for serving and ingest.
 *
 * <p>A version is <em>ready</em> when the version that started its lineage ({@link TileLineage})
 * needed no backfill, or its backfill has completed: a metadata-only change made while version 3 is
 * backfilled is no more ready than version 3. The <em>serving version</em> is the newest live
 * version that is ready (the newest live version when none is: there is nothing older to answer
 * from). Ingest feeds the newest live version and, while that one is not ready, the serving version
 * too, when it belongs to another lineage: so the serving version never freezes while the new one
 * is backfilled.
 */
public final class VersionReadiness {

  private VersionReadiness() {}

  /** Whether {@code version}'s lineage needs no backfill or its backfill has completed. */
  public static boolean isReady(
      DefinitionHistory<FeatureView> history, int version, BackfillCompletions completions) {
    int start = TileLineage.lineageStart(history, version);
    Optional<RegisteredDefinition<FeatureView>> starter = history.version(start);
    return starter.isEmpty()
        || !starter.get().record().backfillDue()
        || completions.isCompleted(history.name(), start);
  }

  /** The live versions, oldest first: those newer than the newest deletion. */
  public static List<RegisteredDefinition<FeatureView>> live(
      DefinitionHistory<FeatureView> history) {
    List<RegisteredDefinition<FeatureView>> live = new ArrayList<>();
    for (RegisteredDefinition<FeatureView> candidate : history.all()) {
      if (candidate.version() > history.deletedThroughVersion()) {
        live.add(candidate);
      }
    }
    return live;
  }

  /** The newest live ready version, else the newest live one; empty for a deleted view. */
  public static OptionalInt servingVersion(
      DefinitionHistory<FeatureView> history, BackfillCompletions completions) {
    List<RegisteredDefinition<FeatureView>> live = live(history);
    for (int i = live.size() - 1; i >= 0; i--) {
      if (isReady(history, live.get(i).version(), completions)) {
        return OptionalInt.of(live.get(i).version());
      }
    }
    return live.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(live.get(live.size() - 1).version());
  }

  /**
   * The versions ingest normalizes events for: the newest live one, and the serving version while
   * the newest is not ready and stores its tiles in another lineage. Newest first; empty for a
   * deleted view.
   */
  public static List<Integer> fedVersions(
      DefinitionHistory<FeatureView> history, BackfillCompletions completions) {
    Optional<RegisteredDefinition<FeatureView>> newest = history.latest();
    if (newest.isEmpty()) {
      return List.of();
    }
    int latest = newest.get().version();
    OptionalInt serving = servingVersion(history, completions);
    if (serving.isEmpty()
        || serving.getAsInt() == latest
        || TileLineage.lineageStart(history, serving.getAsInt())
            == TileLineage.lineageStart(history, latest)) {
      return List.of(latest);
    }
    return List.of(latest, serving.getAsInt());
  }
}
