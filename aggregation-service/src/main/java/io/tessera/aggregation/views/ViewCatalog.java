package io.tessera.aggregation.views;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.RegistryClient;
import io.tessera.registryclient.TileLineage;
import io.tessera.storage.sealed.ViewRetention;
import io.tessera.streamcore.lineage.Lineages;
import io.tessera.streamcore.lineage.RegistryLineages;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feature views as aggregation sees them, learned from the feature-definitions topic through
 * the registry client. Tiles belong to a lineage of versions ({@link TileLineage}): an event of
 * version N is stored under the storage name of N's lineage, with that lineage's tile layout, so
 * that a semantic change never mixes layouts and the previous lineage keeps serving. The finest
 * resolution and retention of a lineage follow its newest registered version (deleted or not).
 */
public final class ViewCatalog implements ViewRetention, AutoCloseable {
  private final RegistryClient client;
  private final Map<String, ViewRuntime> runtimes = new ConcurrentHashMap<>();

  public ViewCatalog(Map<String, Object> kafkaProperties, String topic) {
    this.client = new RegistryClient(kafkaProperties, topic);
  }

  public ViewCatalog start() {
    client.start();
    return this;
  }

  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return client.awaitCaughtUp(timeout);
  }

  /**
   * The runtime of the lineage stored under {@code storageName} (from its newest version), or empty
   * if the registry does not know it.
   */
  public Optional<ViewRuntime> runtime(String storageName) {
    Optional<RegisteredDefinition<FeatureView>> found =
        TileLineage.newestOf(client.snapshot(), storageName);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RegisteredDefinition<FeatureView> newest = found.get();
    ViewRuntime cached = runtimes.get(storageName);
    if (cached != null && cached.version() == newest.version()) {
      return Optional.of(cached);
    }
    FeatureView definition = newest.definition();
    var spec = ViewSpecs.of(definition, storageName);
    ViewRuntime runtime = new ViewRuntime(newest.version(), spec, definition.retentionMs());
    runtimes.put(storageName, runtime);
    return Optional.of(runtime);
  }

  /**
   * {@code version} of {@code view} as registered, or empty if the registry has not delivered it.
   */
  public Optional<RegisteredDefinition<FeatureView>> version(String view, int version) {
    return client.snapshot().view(view, version);
  }

  /** The tile lineages of the registry's views, as the owner looks them up. */
  public Lineages lineages() {
    return new RegistryLineages(client);
  }

  /**
   * The finest tile resolution of the lineage stored under {@code storageName} (what the sealed
   * store's {@code FinestResolution} asks).
   *
   * @throws IllegalStateException if the registry does not know the lineage
   */
  public long finestMs(String storageName) {
    return runtime(storageName)
        .map(runtime -> runtime.spec().resolutions().finestMs())
        .orElseThrow(() -> new IllegalStateException("unknown view lineage " + storageName));
  }

  @Override
  public long retentionMs(String storageName) {
    return runtime(storageName).map(ViewRuntime::retentionMs).orElse(0L);
  }

  @Override
  public void close() {
    client.close();
  }
}
