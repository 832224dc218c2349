package io.tessera.streamcore.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.CoarseCloser;
import io.tessera.engine.open.DeferredSeal;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.open.RolledUp;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.read.FollowerViewReader;
import io.tessera.streamcore.read.OracleCheck;
import io.tessera.streamcore.read.SealedSpanPlanner;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * An owner and a follower read one partition at their own pace while the owner's seal writes are in
 * flight, are acknowledged in order (each followed by a seal marker in the log), and the owner
 * crashes and is restored from its last checkpoint (its writes in flight then lost, or landing late
 * as a zombie's); each acknowledged write is the rows with their manifests, then the coarse tiles
 * they close, rolled up from the store alone ({@link CoarseCloser}). Checked at random moments,
 * many of them at the follower's durable seal point, one millisecond either side, with a window
 * starting there, or on a tile boundary: the follower's read ({@link FollowerViewReader}: planned
 * sealed rows and coarse tiles before the durable seal point, memory after it) equals the
 * brute-force oracle over the events it applied, for every window and feature (invariants 1 and 2:
 * exact at both edges, no gap, no overlap across the seal point); in the end the store holds
 * exactly the rows the follower sealed, byte for byte, every row written with the same bytes each
 * time (invariants 3 and 4), and the coarse tiles are exactly those rolled up from the follower's
 * rows, also after a restored owner, which replayed only from its oldest open finest tile, closed
 * them.
 */
class OwnerAndFollowerProperties {
  /**
   * Crashes per run. A restored owner replays from its oldest open finest tile, which an event far
   * in the future keeps open to the end; with no cap, crashes faster than the replay would never
   * let the run drain (each replay also appends the markers of its writes).
   */
  private static final int MAX_CRASHES = 4;

  private static final String TOPIC = "normalized";

  private static final Path SPILL_DIRECTORY =
      Path.of(System.getProperty("java.io.tmpdir"), "tessera-spill-properties");

  @Provide
  Arbitrary<Scenario> streams() {
    return ScenarioArbitraries.scenarios(40);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
  void aFollowersReadsCountEveryEventOnceAcrossTheSealPointWhileSealsAreInFlight(
      @ForAll("streams") Scenario scenario, @ForAll("seeds") long seed) {
    Random random = new Random(seed);
    ViewSpec view = TestView.allFunctions(scenario.resolutions());
    ViewAggregator aggregator = new ViewAggregator(view);
    Lineage lineage =
        new Lineage(ReplicaLog.VIEW, ReplicaLog.VIEW, 1, aggregator, scenario.latenessMs());
    Run run = new Run(ReplicaLog.of(scenario), lineage, random);
    FollowerViewReader reader = new FollowerViewReader(view);
    Tiling tiling = new Tiling(view.resolutions());
    // one cache for the whole run, as a serving instance keeps it across seals and requests
    MapSealedWindowCache cache = new MapSealedWindowCache();
    FollowerViewReader cached = new FollowerViewReader(view, new SealedSpanPlanner(tiling), cache);
    int probes = 0;
    int crashes = 0;
    for (int step = 0; step < 100_000 && !run.done(); step++) {
      int choice = random.nextInt(20);
      if (choice < 7) {
        run.ownerStep();
      } else if (choice < 14) {
        run.followerStep();
      } else if (choice < 18) {
        run.acknowledgeOldest();
      } else if (choice == 18) {
        long tMs = probeTime(random, run, tiling);
        probes += run.probe(reader, tMs) ? 1 : 0;
        run.probe(cached, tMs);
        run.probe(cached, tMs); // now from the cache
      } else if (crashes < MAX_CRASHES && random.nextInt(3) == 0) {
        run.crashOwner(random.nextBoolean());
        crashes++;
      }
    }
    assertThat(run.done())
        .as(
            "the run drained: owner %d follower %d of %d, in flight %d, zombie %d",
            run.ownerAt,
            run.followerAt,
            run.log.size(),
            run.inFlight.size(),
            run.zombieWrites.size())
        .isTrue();
    for (long tMs : List.of(ScenarioArbitraries.T0_MS, ReplicaLog.FINAL_WATERMARK_MS)) {
      run.probe(reader, tMs);
      run.probe(cached, tMs);
    }
    for (int i = 0; i < 8; i++) {
      long tMs = probeTime(random, run, tiling);
      run.probe(reader, tMs);
      run.probe(cached, tMs);
    }
    run.assertStoreHoldsWhatTheFollowerSealed();
    run.assertCoarseTilesAreRolledUpFromTheFollowersRows();
    Statistics.label("probed while sealed rows were in flight").collect(probes > 0);
    Statistics.label("owner crashed").collect(crashes > 0);
    Statistics.label("sealed windows read from the cache").collect(cache.hits() > 0);
  }

  /**
   * A request time where reads go wrong first: at the follower's durable seal point {@code D} and
   * one millisecond either side, a window's start there ({@code t - W} at {@code D} or next to it),
   * on a tile boundary of any resolution (near {@code D} or anywhere), or anywhere in the stream.
   */
  private static long probeTime(Random random, Run run, Tiling tiling) {
    long durableMs = run.follower.durable(ReplicaLog.VIEW).sealedBeforeMs();
    long anyMs =
        ScenarioArbitraries.T0_MS
            - TestView.HOUR_MS
            + (long) (random.nextDouble() * (ScenarioArbitraries.SPAN_MS + 2 * TestView.HOUR_MS));
    long resolutionMs = tiling.resolutionMs(random.nextInt(tiling.levels()));
    long nearMs = durableMs == Long.MIN_VALUE ? anyMs : durableMs;
    long oneMs = random.nextInt(3) - 1;
    WindowSpec window = TestView.WINDOWS.get(random.nextInt(TestView.WINDOWS.size() - 1));
    return switch (random.nextInt(6)) {
      case 0 -> nearMs + oneMs;
      case 1 -> nearMs + window.sizeMs() + oneMs;
      case 2 -> Tiling.floor(nearMs, resolutionMs) + oneMs;
      case 3 -> Tiling.floor(anyMs, resolutionMs) + (random.nextBoolean() ? 0 : window.sizeMs());
      default -> anyMs;
    };
  }

  /** The simulated replicas, the store and the log. */
  private static final class Run {
    final ReplicaLog log;
    final Lineage lineage;
    final Random random;
    final InMemorySealedStore store = new InMemorySealedStore();
    final Map<String, SealedMinute> written = new HashMap<>();
    final Map<ExpectedRollups.Cell, TileRow> coarseWritten = new HashMap<>();
    final CoarseCloser closer;
    // the follower's rows are computed when the run is over: a deferred seal must not change
    final Map<String, DeferredSeal> followerSealed = new HashMap<>();
    final List<Event> followerApplied = new ArrayList<>();
    final Deque<SealResult> inFlight = new ArrayDeque<>();
    final Deque<SealResult> zombieWrites = new ArrayDeque<>();
    Optional<PartitionCheckpoint> checkpoint = Optional.empty();
    private final OpenStateBudget ownerBudget;
    private final OpenStateBudget followerBudget;
    PartitionState owner;
    final PartitionState follower;
    long ownerAt;
    long followerAt;
    long readHighWater; // a marker lands after every record any replica (a crashed one too) read

    Run(ReplicaLog log, Lineage lineage, Random random) {
      this.log = log;
      this.lineage = lineage;
      this.random = random;
      this.closer = new CoarseCloser(lineage.aggregator(), TOPIC, 0, store);
      // a third of the runs hold everything; the others spill past budgets down to one byte
      this.ownerBudget = budget(random);
      this.followerBudget = budget(random);
      this.owner = start(Role.OWNER, Optional.empty());
      this.follower = start(Role.FOLLOWER, Optional.empty());
    }

    PartitionState start(Role role, Optional<PartitionCheckpoint> from) {
      return PartitionState.start(
          TOPIC,
          0,
          role,
          (view, version) -> Optional.of(lineage),
          RecordLimits.DEFAULT,
          30_000,
          from,
          role == Role.OWNER ? ownerBudget : followerBudget);
    }

    private static OpenStateBudget budget(Random random) {
      return switch (random.nextInt(3)) {
        case 0 -> OpenStateBudget.unbounded();
        case 1 -> OpenStateBudget.of(1, SPILL_DIRECTORY);
        default -> OpenStateBudget.of(1 + random.nextInt(30_000), SPILL_DIRECTORY);
      };
    }

    boolean done() {
      return ownerAt == log.size()
          && followerAt == log.size()
          && inFlight.isEmpty()
          && zombieWrites.isEmpty();
    }

    void ownerStep() {
      if (ownerAt < log.size()) {
        RecordOutcome outcome = owner.apply(ownerAt, log.at(ownerAt));
        if (outcome instanceof RecordOutcome.Sealed sealed) {
          inFlight.add(sealed.result());
        }
        ownerAt++;
        readHighWater = Math.max(readHighWater, ownerAt);
        if (inFlight.isEmpty() && random.nextInt(4) == 0) {
          // an owner with nothing in flight checkpoints where it is now and then, as the real
          // one does; without it, a run of records that seal nothing never moves the checkpoint
          checkpoint = Optional.of(owner.checkpoint(ownerAt));
        }
      } else {
        acknowledgeOldest();
      }
    }

    void followerStep() {
      if (followerAt >= log.size()) {
        return;
      }
      RecordOutcome outcome = follower.apply(followerAt, log.at(followerAt));
      if (outcome instanceof RecordOutcome.Applied applied) {
        NormalizedEvent e = applied.event();
        followerApplied.add(
            new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), followerAt, e.values()));
      } else if (outcome instanceof RecordOutcome.Sealed sealed) {
        assertThat(sealed.result().minutes()).as("a follower writes nothing").isEmpty();
        for (DeferredSeal minute : sealed.result().deferred()) {
          String key = minute.entity().entityKey() + "@" + minute.startMs();
          assertThat(followerSealed.put(key, minute)).as("sealed twice").isNull();
        }
      }
      followerAt++;
      readHighWater = Math.max(readHighWater, followerAt);
    }

    /** The oldest write lands (the owner's or a zombie's), then its marker enters the log. */
    void acknowledgeOldest() {
      Deque<SealResult> from =
          !zombieWrites.isEmpty() && random.nextBoolean() ? zombieWrites : inFlight;
      if (from.isEmpty()) {
        from = from == inFlight ? zombieWrites : inFlight;
      }
      SealResult result = from.poll();
      if (result == null) {
        return;
      }
      for (SealedMinute minute : result.minutes()) {
        SealedMinute before = written.put(key(minute), minute);
        if (before != null) {
          assertThat(minute.tile()).as("rewritten row of %s", key(minute)).isEqualTo(before.tile());
          assertThat(minute.events()).isEqualTo(before.events());
        }
      }
      // one write round: the rows and their manifests; then the closes, from the store alone
      store.writeMinutes(result.minutes()).toCompletableFuture().join();
      store.writeManifests(result.manifests()).toCompletableFuture().join();
      for (RolledUp rolled : closer.close(result.closes()).toCompletableFuture().join()) {
        ExpectedRollups.Cell cell =
            new ExpectedRollups.Cell(rolled.entity().entityKey(), rolled.tile().key());
        TileRow before = coarseWritten.put(cell, rolled.tile());
        if (before != null) {
          assertThat(rolled.tile()).as("rewritten %s", cell).isEqualTo(before);
        }
      }
      log.insertMarker(readHighWater, result.sealedBeforeMs(), result.builtThroughMsByResolution());
      if (from == inFlight && inFlight.isEmpty()) {
        checkpoint = Optional.of(owner.checkpoint(ownerAt));
      }
    }

    void crashOwner(boolean writesLandLater) {
      if (writesLandLater) {
        zombieWrites.addAll(inFlight);
      }
      inFlight.clear();
      owner.release();
      owner = start(Role.OWNER, checkpoint);
      ownerAt = PartitionState.startOffset(checkpoint);
    }

    /** Whether the probe read across writes in flight. */
    boolean probe(FollowerViewReader reader, long tMs) {
      List<String> mismatches = new ArrayList<>();
      long durableMs = follower.durable(ReplicaLog.VIEW).sealedBeforeMs();
      for (String entity : ReplicaLog.ENTITIES) {
        ViewValues values =
            reader.read(store, follower, ReplicaLog.VIEW, entity, tMs).toCompletableFuture().join();
        List<Event> applied =
            followerApplied.stream().filter(e -> e.entityKey().equals(entity)).toList();
        for (String problem : OracleCheck.mismatches(reader.view(), values, applied, tMs)) {
          mismatches.add(entity + " " + problem + " (durable before " + durableMs + ")");
        }
      }
      assertThat(mismatches).isEmpty();
      return !inFlight.isEmpty() || !zombieWrites.isEmpty();
    }

    void assertStoreHoldsWhatTheFollowerSealed() {
      assertThat(written.keySet()).isEqualTo(followerSealed.keySet());
      followerSealed.forEach(
          (key, deferred) -> {
            SealedMinute minute = deferred.minute();
            assertThat(written.get(key).tile()).as("row %s", key).isEqualTo(minute.tile());
            assertThat(written.get(key).events()).isEqualTo(minute.events());
            assertThat(deferred.events()).isEqualTo(minute.events());
            assertThat(deferred.newestEventTimeMs()).isEqualTo(minute.tile().newestEventTimeMs());
          });
    }

    void assertCoarseTilesAreRolledUpFromTheFollowersRows() {
      assertThat(coarseWritten)
          .isEqualTo(
              ExpectedRollups.of(
                  lineage.aggregator(),
                  followerSealed.values().stream().map(DeferredSeal::minute).toList()));
    }

    private static String key(SealedMinute minute) {
      return minute.entity().entityKey() + "@" + minute.tile().key().startMs();
    }
  }
}
