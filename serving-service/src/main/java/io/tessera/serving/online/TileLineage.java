package io.tessera.serving.online;

import io.tessera.definitions.view.FeatureView;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;

/**
 * Which stored tiles a view version reads: the storage name its {@code EntityRef}s carry. A version
 * whose change is {@code METADATA_ONLY} (or none) keeps the tiles of the version before it; the
 * first version and every semantic change start a new lineage, stored apart so the previous version
 * keeps serving while the new one is backfilled.
 *
 * <p>The first lineage is stored under the plain view name ({@code user_txn}), later ones as {@code
 * user_txn@3} (3: the version that started it). Aggregation and backfill must write under the same
 * name; {@link #storageName} is the rule.
 */
public final class TileLineage {
  private TileLineage() {}

  public static String storageName(DefinitionHistory<FeatureView> history, int version) {
    int lineage = 1;
    for (RegisteredDefinition<FeatureView> candidate : history.all()) {
      int v = candidate.version();
      if (v <= version && v > lineage && startsLineage(candidate.record().changeKind())) {
        lineage = v;
      }
    }
    return lineage == 1 ? history.name() : history.name() + "@" + lineage;
  }

  private static boolean startsLineage(String changeKind) {
    return !changeKind.equals("METADATA_ONLY") && !changeKind.equals("NONE");
  }
}
