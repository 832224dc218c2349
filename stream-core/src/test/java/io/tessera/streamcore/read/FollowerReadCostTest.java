package io.tessera.streamcore.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.plan.ReadPlan;
import io.tessera.engine.plan.ViewValues;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import io.tessera.records.normalized.Watermark;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a follower's read costs (invariant 6): store range reads per request are bounded by windows
 * times resolutions and do not grow with events, raw events are read only for a window's partial
 * finest tile, and nothing at or after the durable seal point is read.
 */
class FollowerReadCostTest {
  private static final long MINUTE = TestView.MINUTE_MS;
  private static final long DAY = TestView.DAY_MS;
  private static final long T0 = 20_000 * DAY;
  private static final long END = T0 + 4 * DAY;
  private static final String VIEW = "test_view";
  private static final String ENTITY = "u";
  private static final ViewSpec SPEC = TestView.allFunctions(TileResolutions.DEFAULT);
  private static final int LEVELS = 3;

  private final FollowerViewReader reader = new FollowerViewReader(SPEC);

  @Test
  void rangeReadsPerRequestAreBoundedByWindowsTimesResolutionsNotByEvents() {
    Pipeline sparse = Pipeline.run(10 * MINUTE, 0);
    Pipeline dense = Pipeline.run(15_000, 0); // 40 times the events, same seals and markers
    long tMs = END + 17_001;

    ViewValues fromSparse = sparse.read(reader, tMs);
    int sparseReads = sparse.store.rangeReads.get();
    ViewValues fromDense = dense.read(reader, tMs);

    assertThat(OracleCheck.mismatches(SPEC, fromSparse, sparse.applied, tMs)).isEmpty();
    assertThat(OracleCheck.mismatches(SPEC, fromDense, dense.applied, tMs)).isEmpty();
    assertThat(dense.applied).hasSizeGreaterThan(20_000);
    assertThat(dense.store.rangeReads.get())
        .isEqualTo(sparseReads)
        .isEqualTo(fromDense.stats().rangeQueries())
        .isLessThanOrEqualTo(TestView.WINDOWS.size() * (2 * LEVELS + 1));
    ReadPlan plan =
        new SealedSpanPlanner(new Tiling(SPEC.resolutions()))
            .plan(tMs, SPEC.windows(), dense.follower.durable(VIEW));
    assertThat((long) dense.store.tileRows.get()).isLessThanOrEqualTo(tileSlots(plan));
    // raw events only for the old edges' partial minutes: at most 4 events a minute per window
    assertThat(dense.store.events.get()).isLessThanOrEqualTo(4 * TestView.WINDOWS.size());
  }

  @Test
  void neverReadsARowAtOrAfterTheDurableSealPointThoughTheStoreAlreadyHoldsIt() {
    Pipeline behind = Pipeline.run(15_000, 45); // the last 45 markers not read yet
    long durableMs = behind.follower.durable(VIEW).sealedBeforeMs();
    assertThat(durableMs).isLessThan(END - 40 * MINUTE);

    for (long tMs : List.of(END + 1, durableMs, durableMs + 1, durableMs - 1)) {
      ViewValues values = behind.read(reader, tMs);

      assertThat(OracleCheck.mismatches(SPEC, values, behind.applied, tMs)).isEmpty();
      assertThat(behind.store.latestEndReadMs.get()).isLessThanOrEqualTo(durableMs);
    }
  }

  @Test
  void aFollowerWithNothingDurableReadsEverythingFromMemory() {
    Pipeline unmarked = Pipeline.run(10 * MINUTE, Integer.MAX_VALUE);
    long tMs = END + 1;

    ViewValues values = unmarked.read(reader, tMs);

    assertThat(OracleCheck.mismatches(SPEC, values, unmarked.applied, tMs)).isEmpty();
    assertThat(unmarked.store.rangeReads.get()).isZero();
  }

  /** How many tiles the plan's ranges can hold after T0 (none is older): its bound on rows read. */
  private static long tileSlots(ReadPlan plan) {
    long slots = 0;
    for (var entry : plan.tileReads().entrySet()) {
      for (var range : entry.getValue()) {
        long fromMs = Math.max(range.fromMs(), T0);
        slots += Math.max(0, (range.toMs() - fromMs + entry.getKey() - 1) / entry.getKey());
      }
    }
    return slots;
  }

  /**
   * One entity's events every {@code gapMs} over four days, a watermark record every minute (ten
   * minutes of lateness), the owner writing each seal and its roll-ups to the store and appending
   * its marker; the follower then reads the whole log but the last {@code unreadMarkers} markers.
   */
  private record Pipeline(CountingSealedStore store, PartitionState follower, List<Event> applied) {

    static Pipeline run(long gapMs, int unreadMarkers) {
      ViewAggregator aggregator = new ViewAggregator(SPEC);
      Lineage lineage = new Lineage(VIEW, "v", 1, aggregator, 10 * MINUTE);
      CountingSealedStore store = new CountingSealedStore(new InMemorySealedStore());
      Owner owner = new Owner(start(Role.OWNER, lineage), new OwnerWrites(store, aggregator));
      long nextEventMs = T0;
      for (long minuteMs = T0; minuteMs < END; minuteMs += MINUTE) {
        owner.append(NormalizedRecordCodec.encode(new Watermark("v", 1, "ingest", minuteMs, 0)));
        for (; nextEventMs < minuteMs + MINUTE; nextEventMs += gapMs) {
          Map<String, Object> values =
              Map.of(
                  TestView.LONG_COLUMN,
                  nextEventMs % 997,
                  TestView.DOUBLE_COLUMN,
                  (nextEventMs % 1013) / 10.0,
                  TestView.STRING_COLUMN,
                  "c" + nextEventMs % 5);
          owner.append(
              NormalizedRecordCodec.encode(
                  new NormalizedEvent(
                      "v", 1, ENTITY, nextEventMs, "e" + nextEventMs, nextEventMs, values)));
        }
      }
      List<Integer> markers = owner.markers;
      Set<Integer> unread =
          new HashSet<>(
              markers.subList(Math.max(0, markers.size() - unreadMarkers), markers.size()));
      PartitionState follower = start(Role.FOLLOWER, lineage);
      List<Event> applied = new ArrayList<>();
      for (int offset = 0; offset < owner.log.size(); offset++) {
        if (!unread.contains(offset)
            && follower.apply(offset, owner.log.get(offset))
                instanceof RecordOutcome.Applied done) {
          NormalizedEvent e = done.event();
          applied.add(new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), offset, e.values()));
        }
      }
      return new Pipeline(store, follower, applied);
    }

    /** The owner: applies each record as it is appended, writes its seals, appends markers. */
    private record Owner(
        PartitionState state, OwnerWrites writes, List<byte[]> log, List<Integer> markers) {
      Owner(PartitionState state, OwnerWrites writes) {
        this(state, writes, new ArrayList<>(), new ArrayList<>());
      }

      void append(byte[] record) {
        log.add(record);
        if (state.apply(log.size() - 1, record) instanceof RecordOutcome.Sealed sealed) {
          writes.write(sealed.result());
          markers.add(log.size());
          append(
              NormalizedRecordCodec.encode(
                  new SealMarker(
                      "v",
                      1,
                      "owner",
                      sealed.result().sealedBeforeMs(),
                      sealed.result().builtThroughMsByResolution())));
        }
      }
    }

    private static PartitionState start(Role role, Lineage lineage) {
      return PartitionState.start(
          "normalized",
          0,
          role,
          (view, version) -> Optional.of(lineage),
          RecordLimits.DEFAULT,
          30_000,
          Optional.empty());
    }

    ViewValues read(FollowerViewReader reader, long tMs) {
      store.reset();
      return reader.read(store, follower, VIEW, ENTITY, tMs).toCompletableFuture().join();
    }
  }
}
