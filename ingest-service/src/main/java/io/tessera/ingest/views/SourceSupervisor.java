package io.tessera.ingest.views;

import io.tessera.definitions.view.StreamSource;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.registryclient.RegistrySnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps exactly one consumer running per live view: the one of its newest version.
 *
 * <p>All changes happen on one thread, in {@link #reconcile}, which runs after every registry
 * change and every {@code interval} (to restart a consumer that failed). When a view gets a new
 * version, the old version's consumer is <em>closed first</em> (it commits what it published and
 * releases its shard leases) and only then is the new one started, continuing from the old one's
 * positions: no gap, and no event normalized by both versions on this instance. A deleted view's
 * consumer is closed; its positions stay, so a revived view continues too.
 */
public final class SourceSupervisor implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SourceSupervisor.class.getName());

  private final ViewRegistry registry;
  private final List<SourceConsumerFactory> factories;
  private final Duration interval;
  private final Map<String, Running> running = new HashMap<>();
  private final Set<String> refused = new HashSet<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ingest-supervisor");
            t.setDaemon(true);
            return t;
          });

  private record Running(CompiledView view, SourceConsumer consumer) {}

  public SourceSupervisor(
      ViewRegistry registry, List<SourceConsumerFactory> factories, Duration interval) {
    this.registry = registry;
    this.factories = List.copyOf(factories);
    this.interval = interval;
  }

  public void start() {
    registry.onChange(() -> thread.execute(this::reconcile));
    thread.scheduleWithFixedDelay(this::reconcile, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The version consumed per view right now (for tests and the health of operations). */
  public Map<String, Integer> runningVersions() {
    try {
      return thread
          .submit(
              () -> {
                Map<String, Integer> versions = new HashMap<>();
                running.forEach((name, r) -> versions.put(name, r.view().version()));
                return versions;
              })
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void reconcile() {
    if (!registry.isCaughtUp()) {
      // Starting v1 and then handing over to v3 while the history replays would be wasted work.
      return;
    }
    try {
      RegistrySnapshot snapshot = registry.snapshot();
      Set<String> live = snapshot.liveViewNames();
      for (String name : Set.copyOf(running.keySet())) {
        if (!live.contains(name)) {
          LOG.log(System.Logger.Level.INFO, "view {0} was deleted: stopping its consumer", name);
          stop(name);
        }
      }
      for (String name : live) {
        reconcile(name);
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "reconciling the consumers failed; will retry", e);
    }
  }

  private void reconcile(String name) {
    Optional<CompiledView> latest;
    try {
      latest = registry.latest(name);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "view " + name + " does not compile; not consuming", e);
      return;
    }
    if (latest.isEmpty()) {
      return;
    }
    CompiledView view = latest.get();
    Running current = running.get(name);
    if (current != null
        && current.view().version() == view.version()
        && current.consumer().isRunning()) {
      return;
    }
    if (current != null) {
      LOG.log(
          System.Logger.Level.INFO,
          "view {0}: stopping the consumer of version {1} before starting version {2}",
          name,
          current.view().version(),
          view.version());
      stop(name);
    }
    Optional<SourceConsumerFactory> factory = factoryFor(view.definition().source());
    if (factory.isEmpty()) {
      LOG.log(System.Logger.Level.ERROR, "no consumer for the source of view {0}", name);
      return;
    }
    try {
      SourceConsumer consumer =
          factory.get().start(view, registry.predecessor(name, view.version()));
      running.put(name, new Running(view, consumer));
      LOG.log(System.Logger.Level.INFO, "consuming the source of view {0}", view.label());
    } catch (SourceRefusedException e) {
      if (refused.add(view.label())) {
        LOG.log(
            System.Logger.Level.ERROR,
            "not reading the source of {0}: {1}",
            view.label(),
            e.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "could not start the consumer of " + view.label() + "; will retry",
          e);
    }
  }

  private Optional<SourceConsumerFactory> factoryFor(StreamSource source) {
    return factories.stream().filter(f -> f.handles(source)).findFirst();
  }

  private void stop(String name) {
    Running stopped = running.remove(name);
    if (stopped != null) {
      try {
        stopped.consumer().close();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "closing the consumer of " + name + " failed", e);
      }
    }
  }

  /** Closes every consumer (each commits its positions) and stops following the registry. */
  @Override
  public void close() {
    try {
      thread
          .submit(() -> Set.copyOf(running.keySet()).forEach(this::stop))
          .get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "closing the consumers failed", e);
    }
    thread.shutdownNow();
  }
}
