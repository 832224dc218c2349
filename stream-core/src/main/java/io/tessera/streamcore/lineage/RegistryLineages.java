package io.tessera.streamcore.lineage;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.RegistryClient;
import io.tessera.registryclient.TileLineage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Lineages} from the registry client's snapshot: a version's storage name by {@link
 * TileLineage}, the settings of the lineage's newest version. The aggregator is built once per
 * (lineage, newest version) and shared.
 */
public final class RegistryLineages implements Lineages {
  private final RegistryClient registry;
  private final Map<String, Lineage> byStorageName = new ConcurrentHashMap<>();

  public RegistryLineages(RegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public Optional<Lineage> of(String view, int version) {
    var snapshot = registry.snapshot();
    DefinitionHistory<FeatureView> history = snapshot.views().get(view);
    if (history == null || snapshot.view(view, version).isEmpty()) {
      return Optional.empty();
    }
    String storageName = TileLineage.storageName(history, version);
    RegisteredDefinition<FeatureView> newest =
        TileLineage.newestOf(snapshot, storageName).orElseThrow();
    Lineage cached = byStorageName.get(storageName);
    if (cached != null && cached.newestVersion() == newest.version()) {
      return Optional.of(cached);
    }
    FeatureView definition = newest.definition();
    Lineage lineage =
        new Lineage(
            storageName,
            view,
            newest.version(),
            new ViewAggregator(ViewSpecs.of(definition, storageName)),
            definition.allowedLatenessMs());
    byStorageName.put(storageName, lineage);
    return Optional.of(lineage);
  }
}
