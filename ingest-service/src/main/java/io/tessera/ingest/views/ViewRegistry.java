package io.tessera.ingest.views;

import io.tessera.definitions.view.FeatureView;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.registryclient.BackfillCompletions;
import io.tessera.registryclient.DefinitionHistory;
import io.tessera.registryclient.DeletionRecord;
import io.tessera.registryclient.RegisteredDefinition;
import io.tessera.registryclient.RegistryClient;
import io.tessera.registryclient.RegistryListener;
import io.tessera.registryclient.RegistrySnapshot;
import io.tessera.registryclient.VersionReadiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The feature views as ingest sees them: the registry client's snapshot of the feature-definitions
 * topic, with each view version's transformation compiled once and cached, and the backfill
 * completions that decide which versions are fed ({@link VersionReadiness}).
 */
public final class ViewRegistry implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ViewRegistry.class.getName());

  private final RegistryClient client;
  private final BackfillCompletions completions;
  private final Map<String, CompiledView> compiled = new ConcurrentHashMap<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

  /**
   * @param completions the backfill completions known here (followed from the status topic)
   */
  public ViewRegistry(
      Map<String, Object> kafkaProperties, String topic, BackfillCompletions completions) {
    this.client = new RegistryClient(kafkaProperties, topic);
    this.completions = completions;
    client.addListener(
        new RegistryListener() {
          @Override
          public void onVersion(RegisteredDefinition<?> version, RegistrySnapshot snapshot) {
            changed();
          }

          @Override
          public void onDeletion(DeletionRecord deletion, RegistrySnapshot snapshot) {
            changed();
          }
        });
  }

  /** Starts following the topic. */
  public void start() {
    client.start();
  }

  /** Runs {@code listener} (on the registry client's thread: keep it quick) after every change. */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  public boolean isCaughtUp() {
    return client.isCaughtUp();
  }

  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return client.awaitCaughtUp(timeout);
  }

  public RegistrySnapshot snapshot() {
    return client.snapshot();
  }

  /** The newest live version of {@code view}, compiled; empty if unknown or deleted. */
  public Optional<CompiledView> latest(String view) {
    return client.snapshot().latestView(view).map(this::compiled);
  }

  /**
   * The versions of {@code view} whose events are normalized now, newest first: the newest live
   * version and, while its new lineage is backfilled, the version serving answers with. Empty if
   * unknown or deleted.
   */
  public List<FedVersion> fed(String view) {
    RegistrySnapshot snapshot = client.snapshot();
    DefinitionHistory<FeatureView> history = snapshot.views().get(view);
    if (history == null) {
      return List.of();
    }
    return VersionReadiness.fedVersions(history, completions).stream()
        .map(version -> FedVersion.of(history, version, this::compiled))
        .toList();
  }

  /** The newest version of {@code view} older than {@code version}, deleted or not. */
  public Optional<CompiledView> predecessor(String view, int version) {
    return Optional.ofNullable(client.snapshot().views().get(view))
        .flatMap(history -> Optional.ofNullable(history.versions().lowerEntry(version)))
        .map(entry -> compiled(entry.getValue()));
  }

  /** A registered version, compiled (cached: compiling CEL costs milliseconds). */
  public CompiledView compiled(RegisteredDefinition<FeatureView> registered) {
    return compiled.computeIfAbsent(
        registered.name() + "@" + registered.version(),
        key -> CompiledView.compile(registered.definition(), registered.version()));
  }

  private void changed() {
    for (Runnable listener : changeListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "registry change listener failed", e);
      }
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
