package io.tessera.serving.online;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.TileLineage;
import io.tessera.streamcore.read.ViewPlan;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ViewPlan} of every view version read so far; versions are immutable, so never evicted.
 */
public final class ViewPlans {
  private final Map<String, ViewPlan> byVersion = new ConcurrentHashMap<>();
  private final Map<String, Long> finestByStorageName = new ConcurrentHashMap<>();

  public ViewPlan of(
      DefinitionHistory<FeatureView> history, RegisteredDefinition<FeatureView> version) {
    return byVersion.computeIfAbsent(
        version.name() + "@" + version.version(),
        key -> {
          String storageName = TileLineage.storageName(history, version.version());
          finestByStorageName.put(storageName, version.definition().resolutions().finestMs());
          return new ViewPlan(
              version.name(),
              version.version(),
              version.definition(),
              storageName,
              ViewSpecs.of(version.definition(), storageName));
        });
  }

  /** The finest tile size of the views stored under {@code storageName}; 0 if none is known yet. */
  public long finestResolutionMs(String storageName) {
    return finestByStorageName.getOrDefault(storageName, 0L);
  }
}
