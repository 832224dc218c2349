package io.tessera.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.ForwardingSealedStore;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.Lineage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled backfill stops at its next check with a {@link CancellationException}, and what it
 * wrote is whole units only: a unit that started sealing finishes, none starts after the stop.
 */
class CancellationTest {
  private static final long DAY = TestView.DAY_MS;
  private static final long FROM_MS = 1_780_000_000_000L / DAY * DAY;
  private static final long HAND_OVER_MS = FROM_MS + 3 * DAY;
  private static final ViewSpec VIEW = TestView.allFunctions(TileResolutions.DEFAULT);
  private static final Lineage LINEAGE =
      new Lineage(VIEW.name(), VIEW.name(), 1, new ViewAggregator(VIEW), TestView.MINUTE_MS);

  @TempDir Path spill;

  @Test
  void stopsRoutingAtTheFirstEventAfterTheCancel() {
    Cancellation cancellation = new Cancellation();
    BackfillProgress progress = new BackfillProgress();
    try (LineageBackfill.Run run =
        backfill(new InMemorySealedStore()).open(FROM_MS, HAND_OVER_MS, progress, cancellation)) {
      run.accept(event(0, FROM_MS));
      cancellation.cancel();
      assertThatThrownBy(() -> run.accept(event(1, FROM_MS + 1)))
          .isInstanceOf(CancellationException.class);
    }
    assertThat(progress.snapshot().eventsRead()).isEqualTo(1);
  }

  @Test
  void sealsNothingWhenCancelledBeforeSealing() {
    InMemorySealedStore store = new InMemorySealedStore();
    Cancellation cancellation = new Cancellation();
    BackfillProgress progress = new BackfillProgress();
    try (LineageBackfill.Run run =
        backfill(store).open(FROM_MS, HAND_OVER_MS, progress, cancellation)) {
      routeThreeDays(run);
      cancellation.cancel();
      assertThatThrownBy(run::seal).isInstanceOf(CancellationException.class);
    }
    assertThat(progress.snapshot().unitsDone()).isZero();
    assertThat(read(store.readEvents(entity(), FROM_MS, HAND_OVER_MS))).isEmpty();
  }

  @Test
  void finishesTheUnitSealingWhenCancelledAndStartsNoOther() {
    Cancellation cancellation = new Cancellation();
    // cancels as the first unit writes its first tiles: that unit still finishes whole
    SealedStore store = new CancelOnFirstTiles(new InMemorySealedStore(), cancellation);
    BackfillProgress progress = new BackfillProgress();
    try (LineageBackfill.Run run =
        backfill(store).open(FROM_MS, HAND_OVER_MS, progress, cancellation)) {
      routeThreeDays(run);
      assertThatThrownBy(run::seal).isInstanceOf(CancellationException.class);
    }
    BackfillCounts counts = progress.snapshot();
    assertThat(counts.unitsTotal()).isEqualTo(3);
    assertThat(counts.unitsDone()).isEqualTo(1);
    assertThat(counts.eventsApplied()).isEqualTo(1);
  }

  @Test
  void aRangeFromLongMinValueTakesEveryEventBeforeTheHandOver() {
    InMemorySealedStore store = new InMemorySealedStore();
    BackfillProgress progress = new BackfillProgress();
    try (LineageBackfill.Run run =
        backfill(store).open(Long.MIN_VALUE, HAND_OVER_MS, progress, new Cancellation())) {
      run.accept(event(0, FROM_MS - 400 * DAY));
      run.accept(event(1, HAND_OVER_MS));
      run.seal();
    }
    assertThat(progress.snapshot().outsideRange()).isEqualTo(1);
    assertThat(read(store.readEvents(entity(), Long.MIN_VALUE, HAND_OVER_MS))).hasSize(1);
  }

  private LineageBackfill backfill(SealedStore store) {
    return new LineageBackfill(
        LINEAGE,
        "normalized",
        1,
        store,
        new LineageBackfill.Settings(spill, 1, OpenStateBudget.unbounded()));
  }

  /** One event a day on one partition: three units, sealed one after another. */
  private static void routeThreeDays(LineageBackfill.Run run) {
    for (int day = 0; day < 3; day++) {
      run.accept(event(day, FROM_MS + day * DAY + 1_000));
    }
  }

  private static NormalizedEvent event(int id, long timeMs) {
    Map<String, Object> values =
        Map.of(TestView.LONG_COLUMN, 1L, TestView.DOUBLE_COLUMN, 1.5, TestView.STRING_COLUMN, "c");
    return new NormalizedEvent(VIEW.name(), 1, "u1", timeMs, "e" + id, timeMs, values);
  }

  private static EntityRef entity() {
    return new EntityRef(VIEW.name(), "u1");
  }

  private static <T> T read(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /** A store that cancels the backfill writing to it at its first tile write. */
  private static final class CancelOnFirstTiles extends ForwardingSealedStore {
    private final Cancellation cancellation;

    CancelOnFirstTiles(SealedStore store, Cancellation cancellation) {
      super(store);
      this.cancellation = cancellation;
    }

    @Override
    public CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> tiles) {
      cancellation.cancel();
      return super.writeTiles(entity, tiles);
    }
  }
}
