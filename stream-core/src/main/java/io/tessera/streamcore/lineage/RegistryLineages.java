package io.tessera.streamcore.lineage;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.RegistryClient;
import io.tessera.registryclient.RegistrySnapshot;
import io.tessera.registryclient.TileLineage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Lineages} from the registry client's snapshot: a version's storage name by {@link
 * TileLineage}, the features and tiling of the lineage's newest version, the lateness of the
 * version asked for. The aggregator is built once per (lineage, newest version) and shared by its
 * versions' lineages, each built once.
 *
 * <p>Every record of a partition asks, and working the answer out walks the view's history several
 * times: the answers are kept per registry snapshot (immutable, swapped as a whole when the
 * registry changes), so a record asks two map lookups of the snapshot it read.
 */
public final class RegistryLineages implements Lineages {
  private final RegistryClient registry;
  private final Map<String, Newest> byStorageName = new ConcurrentHashMap<>();
  private volatile Answers answers = new Answers(null);

  /** A lineage's newest version and, per version asked for, its lineage. */
  private record Newest(int version, ViewAggregator aggregator, Map<Integer, Lineage> byVersion) {}

  /** The answers given for one snapshot, by view and version. */
  private record Answers(
      RegistrySnapshot snapshot, Map<String, Map<Integer, Optional<Lineage>>> byView) {
    Answers(RegistrySnapshot snapshot) {
      this(snapshot, new ConcurrentHashMap<>());
    }
  }

  public RegistryLineages(RegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public Optional<Lineage> of(String view, int version) {
    RegistrySnapshot snapshot = registry.snapshot();
    Answers current = answers;
    if (current.snapshot() != snapshot) {
      current = new Answers(snapshot);
      answers = current;
    }
    Map<Integer, Optional<Lineage>> byVersion =
        current.byView().computeIfAbsent(view, v -> new ConcurrentHashMap<>());
    Optional<Lineage> known = byVersion.get(version);
    if (known == null) {
      known = resolve(snapshot, view, version);
      byVersion.put(version, known);
    }
    return known;
  }

  private Optional<Lineage> resolve(RegistrySnapshot snapshot, String view, int version) {
    DefinitionHistory<FeatureView> history = snapshot.views().get(view);
    Optional<RegisteredDefinition<FeatureView>> asked =
        history == null ? Optional.empty() : snapshot.view(view, version);
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    String storageName = TileLineage.storageName(history, version);
    RegisteredDefinition<FeatureView> newest =
        TileLineage.newestOf(snapshot, storageName).orElseThrow();
    Newest cached = byStorageName.get(storageName);
    if (cached == null || cached.version() != newest.version()) {
      cached =
          new Newest(
              newest.version(),
              new ViewAggregator(ViewSpecs.of(newest.definition(), storageName)),
              new ConcurrentHashMap<>());
      byStorageName.put(storageName, cached);
    }
    Newest lineageOf = cached;
    return Optional.of(
        cached
            .byVersion()
            .computeIfAbsent(
                version,
                v ->
                    new Lineage(
                        storageName,
                        view,
                        lineageOf.version(),
                        lineageOf.aggregator(),
                        asked.get().definition().allowedLatenessMs(),
                        TileLineage.streamFromMs(
                            history,
                            version,
                            new Tiling(lineageOf.aggregator().view().resolutions())
                                .resolutionMs(0)))));
  }
}
