package io.tessera.ingest.views;

import io.tessera.definitions.view.FeatureView;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.TileLineage;
import java.util.Optional;
import java.util.function.Function;

/**
 * A view version ingest normalizes events for, with what its source consumer needs to know about
 * where to start.
 *
 * @param view the version, compiled
 * @param lineage the storage name of its tile lineage: the name its source positions are kept under
 *     where positions are per lineage (Kinesis checkpoints)
 * @param predecessor the version before it when it continues that version's lineage (a
 *     metadata-only change): it continues from the predecessor's positions. Empty when it starts a
 *     lineage: it reads the source from its earliest retained record, so the new lineage gets the
 *     stream's history (the part before the lineage's hand-over time is the backfill's, and not
 *     applied)
 */
public record FedVersion(CompiledView view, String lineage, Optional<CompiledView> predecessor) {

  static FedVersion of(
      DefinitionHistory<FeatureView> history,
      int version,
      Function<RegisteredDefinition<FeatureView>, CompiledView> compiler) {
    RegisteredDefinition<FeatureView> registered = history.version(version).orElseThrow();
    Optional<CompiledView> predecessor =
        TileLineage.lineageStart(history, version) == version
            ? Optional.empty()
            : Optional.ofNullable(history.versions().lowerEntry(version))
                .map(entry -> compiler.apply(entry.getValue()));
    return new FedVersion(
        compiler.apply(registered), TileLineage.storageName(history, version), predecessor);
  }

  public int version() {
    return view.version();
  }
}
