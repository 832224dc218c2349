package io.tessera.aggregation.views;

import io.tessera.definitions.view.FeatureView;
import io.tessera.engine.compaction.Compactor;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.RegistryClient;
import io.tessera.registryclient.RegistrySnapshot;
import io.tessera.storage.ViewRetention;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feature views as aggregation sees them, learned from the feature-definitions topic through
 * the registry client. Tiles belong to a view, not a version: compaction, lateness and retention
 * follow the newest registered version (deleted or not), while an event is accepted only once the
 * registry knows its own version (see {@code docs/aggregation.md}, unknown views).
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

  /** Whether the registry has delivered this version of the view. */
  public boolean knows(String view, int version) {
    return client.snapshot().view(view, version).isPresent();
  }

  /** The view's runtime (from its newest version), or empty if the registry does not know it. */
  public Optional<ViewRuntime> runtime(String view) {
    RegistrySnapshot snapshot = client.snapshot();
    var history = snapshot.views().get(view);
    if (history == null || history.versions().isEmpty()) {
      return Optional.empty();
    }
    RegisteredDefinition<FeatureView> newest = history.versions().lastEntry().getValue();
    ViewRuntime cached = runtimes.get(view);
    if (cached != null && cached.version() == newest.version()) {
      return Optional.of(cached);
    }
    FeatureView definition = newest.definition();
    var spec = ViewSpecs.from(definition);
    ViewRuntime runtime =
        new ViewRuntime(
            newest.version(),
            spec,
            new Compactor(spec),
            definition.allowedLatenessMs(),
            definition.retentionMs());
    runtimes.put(view, runtime);
    return Optional.of(runtime);
  }

  @Override
  public long retentionMs(String view) {
    return runtime(view).map(ViewRuntime::retentionMs).orElse(0L);
  }

  @Override
  public void close() {
    client.close();
  }
}
