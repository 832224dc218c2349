package io.tessera.ingest.views;

import io.tessera.definitions.view.StreamSource;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.watermark.InstanceWatermarks;
import io.tessera.records.watermark.ViewVersion;
import io.tessera.registryclient.RegistrySnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one consumer running per fed version of every live view ({@link ViewRegistry#fed}): the
 * newest version, and while a new lineage of it is backfilled, the version serving answers with.
 *
 * <p>All changes happen on one thread, in {@link #reconcile}, which runs after every registry
 * change and every {@code interval} (to restart a consumer that failed, and to notice completed
 * backfills). A version that continues its predecessor's lineage (a metadata-only change) replaces
 * it: the old consumer is <em>closed first</em> (it commits what it published and releases its
 * shard leases) and only then is the new one started, continuing from the old one's positions: no
 * gap, and no event normalized by both. A version that starts a lineage reads its source from the
 * earliest retained record, beside the old version, which keeps being fed until the new lineage's
 * backfill has completed, the new version's watermark here has caught up with the old one's, and
 * {@code handOverGrace} has passed (time for serving instances to switch): the version serving
 * answers with never freezes. A deleted view's consumers are closed; their positions stay, so a
 * revived view continues too.
 */
public final class SourceSupervisor implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SourceSupervisor.class.getName());

  /**
   * How far behind the old version's watermark the new one may be and count as caught up: an idle,
   * fully read source's watermark is the wall clock of its consumer's last poll, and two consumers
   * poll at different moments.
   */
  private static final long CAUGHT_UP_SLACK_MS = 5_000;

  private final ViewRegistry registry;
  private final List<SourceConsumerFactory> factories;
  private final InstanceWatermarks watermarks;
  private final Duration interval;
  private final Duration handOverGrace;
  private final Map<String, Map<Integer, Running>> running = new HashMap<>();
  private final Map<String, Long> caughtUpSince = new HashMap<>();
  private final Set<String> refused = new HashSet<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ingest-supervisor");
            t.setDaemon(true);
            return t;
          });

  private record Running(FedVersion fed, SourceConsumer consumer) {}

  /**
   * @param handOverGrace how long an old version keeps being fed after the new lineage's backfill
   *     completed and its watermark here caught up: longer than serving instances take to notice
   */
  public SourceSupervisor(
      ViewRegistry registry,
      List<SourceConsumerFactory> factories,
      InstanceWatermarks watermarks,
      Duration interval,
      Duration handOverGrace) {
    this.registry = registry;
    this.factories = List.copyOf(factories);
    this.watermarks = watermarks;
    this.interval = interval;
    this.handOverGrace = handOverGrace;
  }

  public void start() {
    registry.onChange(() -> thread.execute(this::reconcile));
    thread.scheduleWithFixedDelay(this::reconcile, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The newest version consumed per view right now (for tests and the health of operations). */
  public Map<String, Integer> runningVersions() {
    Map<String, Integer> newest = new HashMap<>();
    consumedVersions().forEach((name, versions) -> newest.put(name, versions.last()));
    return newest;
  }

  /** Every version consumed per view right now. */
  public Map<String, SortedSet<Integer>> consumedVersions() {
    try {
      return thread
          .submit(
              () -> {
                Map<String, SortedSet<Integer>> versions = new HashMap<>();
                running.forEach(
                    (name, byVersion) -> {
                      if (!byVersion.isEmpty()) {
                        versions.put(name, new TreeSet<>(byVersion.keySet()));
                      }
                    });
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
          LOG.log(System.Logger.Level.INFO, "view {0} was deleted: stopping its consumers", name);
          stopAll(name);
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
    List<FedVersion> wanted;
    try {
      wanted = registry.fed(name);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "view " + name + " does not compile; not consuming", e);
      return;
    }
    if (wanted.isEmpty()) {
      return;
    }
    FedVersion newest = wanted.get(0);
    Map<Integer, Running> current = running.computeIfAbsent(name, n -> new HashMap<>());
    for (Running old : List.copyOf(current.values())) {
      boolean stillWanted = wanted.stream().anyMatch(f -> f.version() == old.fed().version());
      if (!stillWanted
          && (old.fed().lineage().equals(newest.lineage()) || handedOver(newest, old.fed()))) {
        LOG.log(
            System.Logger.Level.INFO,
            "view {0}: stopping the consumer of version {1}; version {2} is fed",
            name,
            old.fed().version(),
            newest.version());
        stop(name, old.fed().version());
      }
    }
    for (FedVersion fed : wanted) {
      Running existing = current.get(fed.version());
      if (existing != null && existing.consumer().isRunning()) {
        continue;
      }
      if (existing != null) {
        stop(name, fed.version());
      }
      boolean predecessorRuns =
          fed.predecessor().isPresent() && current.containsKey(fed.predecessor().get().version());
      if (!predecessorRuns) {
        start(name, fed);
      }
    }
  }

  /**
   * Whether the old version, no longer wanted, may stop: the new version's watermark here has
   * reached the old one's (within {@link #CAUGHT_UP_SLACK_MS}; or the old one holds nothing back
   * here), {@code handOverGrace} ago.
   */
  private boolean handedOver(FedVersion newest, FedVersion old) {
    long nowMs = System.currentTimeMillis();
    Map<ViewVersion, OptionalLong> readings = watermarks.read(nowMs);
    OptionalLong oldMark = readings.get(new ViewVersion(old.view().name(), old.version()));
    OptionalLong newMark = readings.get(new ViewVersion(newest.view().name(), newest.version()));
    boolean caughtUp =
        oldMark == null
            || (newMark != null
                && newMark.isPresent()
                && (oldMark.isEmpty()
                    || newMark.getAsLong() >= oldMark.getAsLong() - CAUGHT_UP_SLACK_MS));
    String label = old.view().label();
    if (!caughtUp) {
      caughtUpSince.remove(label);
      return false;
    }
    long since = caughtUpSince.computeIfAbsent(label, l -> nowMs);
    if (nowMs - since < handOverGrace.toMillis()) {
      return false;
    }
    caughtUpSince.remove(label);
    return true;
  }

  private void start(String name, FedVersion fed) {
    CompiledView view = fed.view();
    Optional<SourceConsumerFactory> factory = factoryFor(view.definition().source());
    if (factory.isEmpty()) {
      LOG.log(System.Logger.Level.ERROR, "no consumer for the source of view {0}", name);
      return;
    }
    try {
      SourceConsumer consumer = factory.get().start(fed);
      running
          .computeIfAbsent(name, n -> new HashMap<>())
          .put(view.version(), new Running(fed, consumer));
      LOG.log(
          System.Logger.Level.INFO,
          "consuming the source of view {0} ({1})",
          view.label(),
          fed.predecessor().isPresent()
              ? "continuing from version " + fed.predecessor().get().version()
              : "lineage " + fed.lineage());
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

  private void stop(String name, int version) {
    Map<Integer, Running> versions = running.get(name);
    Running stopped = versions == null ? null : versions.remove(version);
    if (versions != null && versions.isEmpty()) {
      running.remove(name);
    }
    if (stopped != null) {
      try {
        stopped.consumer().close();
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "closing the consumer of " + stopped.fed().view().label() + " failed",
            e);
      }
    }
  }

  private void stopAll(String name) {
    Map<Integer, Running> versions = running.get(name);
    if (versions != null) {
      Set.copyOf(versions.keySet()).forEach(version -> stop(name, version));
    }
  }

  /** Closes every consumer (each commits its positions) and stops following the registry. */
  @Override
  public void close() {
    try {
      thread
          .submit(() -> Set.copyOf(running.keySet()).forEach(this::stopAll))
          .get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "closing the consumers failed", e);
    }
    thread.shutdownNow();
  }
}
