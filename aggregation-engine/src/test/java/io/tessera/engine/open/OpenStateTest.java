package io.tessera.engine.open;

import static io.tessera.engine.testing.TestView.HOUR_MS;
import static io.tessera.engine.testing.TestView.MINUTE_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.view.ViewAggregator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenStateTest {
  private static final long T0 = ScenarioArbitraries.T0_MS; // a day boundary
  private static final long LATENESS_MS = 10 * MINUTE_MS;
  private static final int COUNT = 0; // TestView's first feature: count of events

  private final ViewAggregator aggregator =
      new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT));
  private final OpenState state = OpenState.empty(aggregator, LATENESS_MS, "topic", 3);

  @Test
  void anEventExactlyAtATileEndGoesToTheNextTile() {
    ApplyResult result = state.apply(event("a", T0 + MINUTE_MS, "e1", 0));

    assertThat(result).isEqualTo(new ApplyResult.Applied(new TileKey(MINUTE_MS, T0 + MINUTE_MS)));
    assertThat(count("a", T0, T0 + MINUTE_MS)).isZero();
    assertThat(count("a", T0 + MINUTE_MS, T0 + MINUTE_MS + 1)).isEqualTo(1);
  }

  @Test
  void aTileSealsExactlyWhenTheWatermarkReachesItsEndPlusTheLateness() {
    state.apply(event("a", T0 + MINUTE_MS - 1, "e1", 0));

    assertThat(state.advanceWatermark(T0 + MINUTE_MS + LATENESS_MS - 1).minutes()).isEmpty();
    assertThat(state.apply(event("a", T0 + MINUTE_MS - 1, "e2", 1)))
        .isInstanceOf(ApplyResult.Applied.class);
    SealResult sealed = state.advanceWatermark(T0 + MINUTE_MS + LATENESS_MS);

    assertThat(sealed.minutes()).hasSize(1);
    assertThat(sealed.sealedBeforeMs()).isEqualTo(T0 + MINUTE_MS);
    assertThat(state.apply(event("a", T0 + MINUTE_MS - 1, "e3", 2)))
        .isEqualTo(new ApplyResult.TooLate(T0 + MINUTE_MS));
    assertThat(state.apply(event("a", T0 + MINUTE_MS, "e4", 3)))
        .isInstanceOf(ApplyResult.Applied.class);
  }

  @Test
  void aDuplicateInAnOpenTileIsIgnoredAndTheFirstDeliveryKept() {
    state.apply(event("a", T0 + 5, "e1", 7));
    long bytes = state.estimatedBytes();

    ApplyResult again = state.apply(event("a", T0 + 5, "e1", 9));

    assertThat(again).isEqualTo(new ApplyResult.Duplicate(7));
    assertThat(state.estimatedBytes()).isEqualTo(bytes);
    assertThat(count("a", T0, T0 + MINUTE_MS)).isEqualTo(1);
    SealedMinute minute = state.advanceWatermark(T0 + 2 * HOUR_MS).minutes().get(0);
    assertThat(minute.events()).extracting(Event::eventTimeMs).containsExactly(T0 + 5);
    assertThat(minute.events()).extracting(Event::offset).containsExactly(Event.SEALED);
  }

  @Test
  void pastItsBudgetTheStateSpillsRawEventsAndStillRefusesTheirDuplicates(@TempDir Path dir) {
    OpenStateBudget budget = OpenStateBudget.of(1, dir); // every applied event spills
    OpenState spilling = OpenState.empty(aggregator, LATENESS_MS, "topic", 3, budget);
    for (int i = 0; i < 40; i++) {
      spilling.apply(event("a", T0 + i, "e" + i, i));
    }

    assertThat(budget.spilledBytes()).isPositive();
    assertThat(spilling.estimatedBytes()).isLessThan(held(40));
    assertThat(spilling.apply(event("a", T0 + 3, "e3", 20)))
        .isEqualTo(new ApplyResult.Duplicate(3));
    SealedMinute minute = spilling.advanceWatermark(T0 + 2 * HOUR_MS).minutes().get(0);
    assertThat(minute.events())
        .extracting(Event::eventId)
        .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "e" + i).toList());
    assertThat(budget.spilledBytes()).as("sealed minutes leave their files").isZero();
  }

  /** What the shared state holds after {@code events} events of one entity-minute. */
  private long held(int events) {
    for (int i = 0; i < events; i++) {
      state.apply(event("a", T0 + i, "e" + i, i));
    }
    return state.estimatedBytes();
  }

  @Test
  void theSameEventIdOfAnotherEntityIsNotADuplicate() {
    state.apply(event("a", T0 + 5, "e1", 0));

    assertThat(state.apply(event("b", T0 + 5, "e1", 1))).isInstanceOf(ApplyResult.Applied.class);
  }

  @Test
  void aLateEventIsReportedTooLateAndChangesNothing() {
    state.apply(event("a", T0 + 20 * MINUTE_MS, "e1", 0));
    state.advanceWatermark(T0 + 20 * MINUTE_MS);
    long bytes = state.estimatedBytes();
    var progress = state.progress("v", 1);

    ApplyResult late = state.apply(event("a", T0 + 9 * MINUTE_MS, "late", 1));

    assertThat(late).isEqualTo(new ApplyResult.TooLate(T0 + 10 * MINUTE_MS));
    assertThat(state.estimatedBytes()).isEqualTo(bytes);
    assertThat(state.openTiles()).isEqualTo(1);
    assertThat(state.progress("v", 1)).isEqualTo(progress);
    assertThat(count("a", T0, T0 + HOUR_MS)).isEqualTo(1);
    SealResult all = state.advanceWatermark(T0 + 2 * HOUR_MS);
    assertThat(all.minutes())
        .extracting(m -> m.tile().key().startMs())
        .containsExactly(T0 + 20 * MINUTE_MS);
  }

  @Test
  void aRedeliveredEventOfASealedTileIsTooLate() {
    state.apply(event("a", T0 + 5, "e1", 0));
    state.advanceWatermark(T0 + HOUR_MS);

    assertThat(state.apply(event("a", T0 + 5, "e1", 3))).isInstanceOf(ApplyResult.TooLate.class);
    assertThat(state.openTiles()).isZero();
  }

  @Test
  void anEmptyMinuteIsNeverSealedAsARow() {
    state.apply(event("a", T0 + 30_000, "e1", 0));
    state.apply(event("a", T0 + 2 * MINUTE_MS, "e2", 1));

    SealResult sealed = state.advanceWatermark(T0 + HOUR_MS);

    assertThat(sealed.minutes())
        .extracting(m -> m.tile().key().startMs())
        .containsExactly(T0, T0 + 2 * MINUTE_MS);
    assertThat(sealed.minutes()).allSatisfy(m -> assertThat(m.events()).isNotEmpty());
  }

  @Test
  void sealedMinutesComeOutByEntityThenStart() {
    state.apply(event("b", T0 + MINUTE_MS, "e1", 0));
    state.apply(event("a", T0 + 2 * MINUTE_MS, "e2", 1));
    state.apply(event("b", T0, "e3", 2));
    state.apply(event("a", T0, "e4", 3));

    SealResult sealed = state.advanceWatermark(T0 + HOUR_MS);

    assertThat(sealed.minutes())
        .extracting(m -> m.entity().entityKey() + "@" + (m.tile().key().startMs() - T0))
        .containsExactly("a@0", "a@120000", "b@0", "b@60000");
  }

  @Test
  void aDeferredSealDecidesAsTheWrittenOneAndComputesTheSameRowsLater(@TempDir Path dir) {
    OpenStateBudget budget = OpenStateBudget.of(1, dir); // spilled tiles are sealed at once
    OpenState writer = OpenState.empty(aggregator, LATENESS_MS, "topic", 3);
    OpenState follower = OpenState.empty(aggregator, LATENESS_MS, "topic", 3, budget);
    List<Event> events = new ArrayList<>();
    events.add(event("a", T0 + 5, "a1", 0));
    events.add(event("a", T0 + 4, "a2", 1));
    for (int i = 0; i < 40; i++) { // enough for b's tile to be worth spilling
      events.add(event("b", T0 + MINUTE_MS + 40 - i, "b" + i, 2 + i));
    }
    events.add(event("a", T0 + 2 * HOUR_MS, "a3", 42)); // stays open
    for (Event event : events) {
      writer.apply(event);
      follower.apply(event);
    }
    assertThat(budget.spilledBytes()).isPositive();

    SealResult written = writer.advanceWatermark(T0 + HOUR_MS);
    SealResult deferred = follower.advanceWatermarkDeferred(T0 + HOUR_MS, LATENESS_MS);
    follower.apply(event("a", T0 + 2 * HOUR_MS + 1, "a4", 43)); // later applies change nothing

    assertThat(deferred.minutes()).isEmpty();
    assertThat(deferred.manifests()).isEmpty();
    assertThat(deferred.closes()).isEqualTo(written.closes());
    assertThat(deferred.sealedBeforeMs()).isEqualTo(written.sealedBeforeMs());
    assertThat(deferred.builtThroughMsByResolution())
        .isEqualTo(written.builtThroughMsByResolution());
    assertThat(deferred.deferred().stream().map(DeferredSeal::minute).toList())
        .containsExactlyInAnyOrderElementsOf(written.minutes());
    for (DeferredSeal seal : deferred.deferred()) {
      SealedMinute row = seal.minute();
      assertThat(seal.startMs()).isEqualTo(row.tile().key().startMs());
      assertThat(seal.events()).isEqualTo(row.events());
      assertThat(seal.eventCount()).isEqualTo(row.events().size());
      assertThat(seal.newestEventTimeMs()).isEqualTo(row.tile().newestEventTimeMs());
      assertThat(new TileCodec(aggregator).encode(seal.tile()).payload())
          .isEqualTo(row.tile().payload());
    }
    assertThat(budget.spilledBytes()).as("sealed minutes leave their files").isZero();
  }

  @Test
  void sealingWritesOneManifestPerFinestTileNamingItsEntitiesSorted() {
    state.apply(event("b", T0 + 5, "e1", 0));
    state.apply(event("a", T0 + 6, "e2", 1));
    state.apply(event("a", T0 + MINUTE_MS, "e3", 2));
    state.apply(event("c", T0 + 3 * MINUTE_MS, "e4", 3)); // stays open

    SealResult sealed = state.advanceWatermark(T0 + 2 * MINUTE_MS + LATENESS_MS);

    assertThat(sealed.manifests())
        .containsExactly(
            new SealedManifest(
                "test_view", "topic", 3, new TileKey(MINUTE_MS, T0), List.of("a", "b")),
            new SealedManifest(
                "test_view", "topic", 3, new TileKey(MINUTE_MS, T0 + MINUTE_MS), List.of("a")));
  }

  @Test
  void onlyCoarseTilesWithASealedChildCloseAndTheyNameNoEntities() {
    state.apply(event("b", T0 + HOUR_MS + 5, "e1", 0));
    state.apply(event("a", T0 + 5, "e2", 1));
    state.advanceWatermark(T0 + 30 * MINUTE_MS); // seals a's minute; hour 0 still open
    state.apply(event("c", T0 + 5, "late", 2)); // too late: no child

    SealResult sealed = state.advanceWatermark(T0 + 3 * HOUR_MS + 10 * MINUTE_MS);

    // hour 1 has b's child; hour 2 has none and is not closed
    assertThat(sealed.closes())
        .containsExactly(new CoarseClose(HOUR_MS, T0), new CoarseClose(HOUR_MS, T0 + HOUR_MS));
    assertThat(sealed.builtThroughMsByResolution())
        .isEqualTo(Map.of(HOUR_MS, T0 + 3 * HOUR_MS, TestView.DAY_MS, T0));
  }

  @Test
  void coarseClosesComeFinerResolutionsFirst() {
    state.apply(event("a", T0 + 5, "e1", 0));

    SealResult sealed = state.advanceWatermark(T0 + 2 * TestView.DAY_MS);

    assertThat(sealed.closes())
        .containsExactly(new CoarseClose(HOUR_MS, T0), new CoarseClose(TestView.DAY_MS, T0));
  }

  @Test
  void aReplayReachesBackOnlyToTheOldestOpenFinestTileWhileItsHourAndDayAreOpen() {
    state.apply(event("a", T0 + 5, "e1", 0));
    state.apply(event("a", T0 + 20 * MINUTE_MS, "e2", 1));
    state.advanceWatermark(T0 + 15 * MINUTE_MS); // seals the first minute, the hour stays open

    assertThat(state.replayFromOffset()).isEqualTo(OptionalLong.of(1));
    state.advanceWatermark(T0 + 40 * MINUTE_MS);
    assertThat(state.replayFromOffset()).isEmpty();
  }

  @Test
  void estimatedBytesDropAfterASeal() {
    state.apply(event("a", T0 + 5, "e1", 0));
    state.apply(event("a", T0 + 6, "e2", 1));
    long open = state.estimatedBytes();
    state.apply(event("a", T0 + 2 * TestView.DAY_MS, "e3", 2));
    long more = state.estimatedBytes();

    state.advanceWatermark(T0 + TestView.DAY_MS + HOUR_MS);

    assertThat(more).isGreaterThan(open);
    assertThat(state.estimatedBytes()).isLessThan(more);
    state.advanceWatermark(T0 + 5 * TestView.DAY_MS);
    assertThat(state.estimatedBytes()).isZero();
    assertThat(state.openEntities()).isZero();
  }

  @Test
  void aFoldIsExactAtBothEdgesToTheMillisecond() {
    state.apply(event("a", T0 + 10, "e1", 0));
    state.apply(event("a", T0 + MINUTE_MS - 1, "e2", 1));
    state.apply(event("a", T0 + MINUTE_MS + 30, "e3", 2));

    assertThat(count("a", T0, T0 + MINUTE_MS - 1)).isEqualTo(1);
    assertThat(count("a", T0 + 10, T0 + MINUTE_MS - 1)).isEqualTo(1);
    assertThat(count("a", T0 + 11, T0 + MINUTE_MS)).isEqualTo(1);
    assertThat(count("a", T0 + MINUTE_MS - 1, T0 + MINUTE_MS + 30)).isEqualTo(1);
    assertThat(count("a", T0 + MINUTE_MS - 1, T0 + MINUTE_MS + 31)).isEqualTo(2);
    assertThat(count("a", T0, T0 + 2 * MINUTE_MS)).isEqualTo(3);
    assertThat(count("a", Long.MIN_VALUE, T0 + 11)).isEqualTo(1);
    assertThat(state.newestEventTimeMs("a")).isEqualTo(T0 + MINUTE_MS + 30);
    assertThat(state.newestEventTimeMs("b")).isEqualTo(Ir.NO_EVENT_MS);
  }

  @Test
  void aRestoredStateRefusesReplayedEventsOfSealedTilesAndClosesTheTilesItsSealPointIsIn() {
    state.apply(event("a", T0 + 5, "e1", 0));
    state.advanceWatermark(T0 + 30 * MINUTE_MS);
    OpenState restored =
        OpenState.restored(aggregator, LATENESS_MS, "topic", 3, state.progress("v", 1));

    assertThat(restored.apply(event("a", T0 + 5, "e1", 0)))
        .isEqualTo(new ApplyResult.TooLate(T0 + 20 * MINUTE_MS));
    assertThat(restored.openTiles()).isZero();
    assertThat(restored.advanceWatermark(T0 + HOUR_MS + LATENESS_MS).closes())
        .isEqualTo(state.advanceWatermark(T0 + HOUR_MS + LATENESS_MS).closes());
  }

  @Test
  void rollupRejectsAChildOfAnotherLevel() {
    Rollup rollup = new Rollup(aggregator);
    state.apply(event("a", T0 + 5, "e1", 0));
    var minute = state.advanceWatermark(T0 + HOUR_MS).minutes().get(0).tile();

    assertThat(rollup.rollUp(new TileKey(HOUR_MS, T0), List.of(minute))).isPresent();
    assertThat(rollup.rollUp(new TileKey(HOUR_MS, T0), List.of())).isEmpty();
    assertThatThrownBy(() -> rollup.rollUp(new TileKey(TestView.DAY_MS, T0), List.of(minute)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private long count(String entityKey, long fromMs, long toMs) {
    Ir[] states = aggregator.init();
    state.fold(entityKey, fromMs, toMs, states);
    return (Long) aggregator.finish(COUNT, states[COUNT]);
  }

  private static Event event(String entityKey, long timeMs, String id, long offset) {
    return new Event(entityKey, timeMs, id, offset, Map.of(TestView.LONG_COLUMN, 1L));
  }
}
