package io.tessera.registryclient;

import io.tessera.definitions.view.FeatureView;
import java.util.Optional;

/**
 * Which stored tiles a view version writes and reads: the storage name its {@code EntityRef}s
 * carry. Aggregation, serving, backfill and training all name tiles by this one rule.
 *
 * <p>A version whose change is metadata only (or none) keeps the tiles of the version before it:
 * their layout and contents do not change. The first version and every semantic change start a new
 * lineage, stored apart, so that the previous version keeps serving from its own tiles while the
 * new one is backfilled. The first lineage is stored under the plain view name ({@code user_txn}),
 * later ones as {@code user_txn@3}, 3 being the version that started it (view names cannot contain
 * {@code @}).
 */
public final class TileLineage {
  private static final char SEPARATOR = '@';

  private TileLineage() {}

  /** The storage name of {@code version} of the view whose history this is. */
  public static String storageName(DefinitionHistory<FeatureView> history, int version) {
    int start = lineageStart(history, version);
    return start == 1 ? history.name() : history.name() + SEPARATOR + start;
  }

  /** The version that started the lineage {@code version} belongs to. */
  public static int lineageStart(DefinitionHistory<FeatureView> history, int version) {
    int start = 1;
    for (RegisteredDefinition<FeatureView> candidate : history.all()) {
      int v = candidate.version();
      if (v <= version && v > start && startsLineage(candidate.record().changeKind())) {
        start = v;
      }
    }
    return start;
  }

  /**
   * The newest registered version whose tiles are stored under {@code storageName}: the version
   * whose settings (retention, lateness) govern that lineage now. Empty if the registry knows no
   * such lineage.
   */
  public static Optional<RegisteredDefinition<FeatureView>> newestOf(
      RegistrySnapshot snapshot, String storageName) {
    int at = storageName.indexOf(SEPARATOR);
    String view = at < 0 ? storageName : storageName.substring(0, at);
    DefinitionHistory<FeatureView> history = snapshot.views().get(view);
    if (history == null) {
      return Optional.empty();
    }
    RegisteredDefinition<FeatureView> newest = null;
    for (RegisteredDefinition<FeatureView> candidate : history.all()) {
      if (storageName(history, candidate.version()).equals(storageName)) {
        newest = candidate;
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The view a storage name's tiles belong to ({@code user_txn} of {@code user_txn@3}). */
  public static String viewOf(String storageName) {
    int at = storageName.indexOf(SEPARATOR);
    return at < 0 ? storageName : storageName.substring(0, at);
  }

  /** The version that started the lineage stored under {@code storageName} (3 of {@code v@3}). */
  public static int startVersionOf(String storageName) {
    int at = storageName.indexOf(SEPARATOR);
    return at < 0 ? 1 : Integer.parseInt(storageName.substring(at + 1));
  }

  /**
   * Where the stream's part of {@code version}'s lineage starts. A lineage started by a version
   * with a batch source leaves the history before the start of the coarsest tile (a UTC day, as a
   * rule) that its registration time minus the source's delay falls in to the backfill of that
   * source (complete up to there), and ingest replays the stream's retained history from before
   * then, so the two overlap and the cut is exact. {@link Long#MIN_VALUE} for a lineage without a
   * batch source: its whole history is the stream's. Taken from the version that started the
   * lineage alone, so it never moves.
   *
   * @param coarsestMs the lineage's coarsest tile resolution: no coarse tile spans the cut
   */
  public static long streamFromMs(
      DefinitionHistory<FeatureView> history, int version, long coarsestMs) {
    RegisteredDefinition<FeatureView> start =
        history.versions().get(lineageStart(history, version));
    if (start == null || start.definition().batchSource().isEmpty()) {
      return Long.MIN_VALUE;
    }
    long completeBeforeMs =
        start.record().registeredAt().toEpochMilli()
            - start.definition().batchSource().get().delayMs();
    return Math.floorDiv(completeBeforeMs, coarsestMs) * coarsestMs;
  }

  private static boolean startsLineage(String changeKind) {
    return !changeKind.equals("METADATA_ONLY") && !changeKind.equals("NONE");
  }
}
