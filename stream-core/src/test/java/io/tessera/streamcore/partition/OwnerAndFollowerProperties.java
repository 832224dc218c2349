package io.tessera.streamcore.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.open.CoarseCloser;
import io.tessera.engine.open.RolledUp;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.testing.Oracle;
import io.tessera.engine.testing.Scenario;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.testing.ValueMatcher;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.Lineage;
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
 * as a zombie's). Checked at random moments: a follower's read, the store up to its durable seal
 * point plus its memory after it, equals the brute-force oracle over the events it applied, at both
 * window edges (invariant 2: no gap, no overlap across the seal point); and in the end the store
 * holds exactly the rows the follower sealed, byte for byte, every row written with the same bytes
 * each time (invariants 3 and 4). The owner writes each seal's manifests with its rows and closes
 * coarse tiles from the store alone ({@link CoarseCloser}), so the closes of a restored owner,
 * which replayed only from its oldest open finest tile, must still roll up every entity: in the end
 * the coarse tiles are exactly those rolled up from the follower's rows.
 */
class OwnerAndFollowerProperties {
  private static final String TOPIC = "normalized";

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
        probes += run.probe(aggregator, view, randomTime(random, run)) ? 1 : 0;
      } else if (random.nextInt(3) == 0) {
        run.crashOwner(random.nextBoolean());
        crashes++;
      }
    }
    assertThat(run.done()).as("the run drained").isTrue();
    for (long tMs : List.of(ScenarioArbitraries.T0_MS, ReplicaLog.FINAL_WATERMARK_MS)) {
      run.probe(aggregator, view, tMs);
    }
    run.assertStoreHoldsWhatTheFollowerSealed();
    run.assertCoarseTilesAreRolledUpFromTheFollowersRows();
    Statistics.label("probed while sealed rows were in flight").collect(probes > 0);
    Statistics.label("owner crashed").collect(crashes > 0);
  }

  private static long randomTime(Random random, Run run) {
    long durable = run.follower.durable(ReplicaLog.VIEW).sealedBeforeMs();
    if (durable > Long.MIN_VALUE && random.nextBoolean()) {
      return durable + random.nextInt(3) - 1; // at the seal point, and one ms either side
    }
    return ScenarioArbitraries.T0_MS + (long) (random.nextDouble() * ScenarioArbitraries.SPAN_MS);
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
    final Map<String, SealedMinute> followerSealed = new HashMap<>();
    final List<Event> followerApplied = new ArrayList<>();
    final Deque<SealResult> inFlight = new ArrayDeque<>();
    final Deque<SealResult> zombieWrites = new ArrayDeque<>();
    Optional<PartitionCheckpoint> checkpoint = Optional.empty();
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
          from);
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
        for (SealedMinute minute : sealed.result().minutes()) {
          assertThat(followerSealed.put(key(minute), minute)).as("sealed twice").isNull();
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
      owner = start(Role.OWNER, checkpoint);
      ownerAt = PartitionState.startOffset(checkpoint);
    }

    /** Whether the probe read across writes in flight. */
    boolean probe(ViewAggregator aggregator, ViewSpec view, long tMs) {
      List<String> mismatches = new ArrayList<>();
      for (String entity : ReplicaLog.ENTITIES) {
        List<Event> applied =
            Oracle.deduplicate(
                followerApplied.stream().filter(e -> e.entityKey().equals(entity)).toList());
        for (WindowSpec window : TestView.WINDOWS) {
          long fromMs = window.isLifetime() ? Long.MIN_VALUE : tMs - window.sizeMs();
          Ir[] memory = aggregator.init();
          DurableProgress durable = follower.fold(ReplicaLog.VIEW, entity, fromMs, tMs, memory);
          Ir[] states = aggregator.init();
          long storeToMs = Math.min(tMs, durable.sealedBeforeMs());
          if (fromMs < storeToMs) {
            for (Event event :
                store
                    .readEvents(new EntityRef(ReplicaLog.VIEW, entity), fromMs, storeToMs)
                    .toCompletableFuture()
                    .join()) {
              aggregator.add(states, event);
            }
          }
          aggregator.merge(states, memory);
          List<Event> inWindow = Oracle.inWindow(applied, fromMs, tMs);
          for (int f = 0; f < view.features().size(); f++) {
            FeatureSpec feature = view.features().get(f);
            String problem =
                ValueMatcher.mismatch(
                    feature, Oracle.expected(feature, inWindow), aggregator.finish(f, states[f]));
            if (problem != null) {
              mismatches.add(
                  entity
                      + " "
                      + feature.name()
                      + " over "
                      + window
                      + " at "
                      + tMs
                      + ": "
                      + problem
                      + " (durable before "
                      + durable.sealedBeforeMs()
                      + ")");
            }
          }
        }
      }
      assertThat(mismatches).isEmpty();
      return !inFlight.isEmpty() || !zombieWrites.isEmpty();
    }

    void assertStoreHoldsWhatTheFollowerSealed() {
      assertThat(written.keySet()).isEqualTo(followerSealed.keySet());
      followerSealed.forEach(
          (key, minute) -> {
            assertThat(written.get(key).tile()).as("row %s", key).isEqualTo(minute.tile());
            assertThat(written.get(key).events()).isEqualTo(minute.events());
          });
    }

    void assertCoarseTilesAreRolledUpFromTheFollowersRows() {
      assertThat(coarseWritten)
          .isEqualTo(ExpectedRollups.of(lineage.aggregator(), followerSealed.values()));
    }

    private static String key(SealedMinute minute) {
      return minute.entity().entityKey() + "@" + minute.tile().key().startMs();
    }
  }
}
