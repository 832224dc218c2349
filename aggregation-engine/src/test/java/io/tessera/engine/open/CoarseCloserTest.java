package io.tessera.engine.open;

import static io.tessera.engine.testing.TestView.DAY_MS;
import static io.tessera.engine.testing.TestView.HOUR_MS;
import static io.tessera.engine.testing.TestView.MINUTE_MS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.testing.ScenarioArbitraries;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoarseCloserTest {
  private static final long T0 = ScenarioArbitraries.T0_MS; // a day boundary
  private static final long LATENESS_MS = 5 * MINUTE_MS;
  private static final String TOPIC = "normalized";
  private static final int PARTITION = 3;

  private final ViewAggregator aggregator =
      new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT));
  private final String view = aggregator.view().name();

  /** Events of a, b and c over two hours of one day, in offset order. */
  private final List<Event> events =
      List.of(
          event("b", T0 + 5, "e0", 0),
          event("a", T0 + 7, "e1", 1),
          event("a", T0 + 3 * MINUTE_MS + 1, "e2", 2),
          event("c", T0 + HOUR_MS - 1, "e3", 3),
          event("a", T0 + HOUR_MS + 2 * MINUTE_MS, "e4", 4),
          event("c", T0 + HOUR_MS + 40 * MINUTE_MS, "e5", 5),
          event("a", T0 + HOUR_MS + 40 * MINUTE_MS + 9, "e6", 6));

  @Test
  void rollsUpEveryEntityTheChildrensManifestsNameToTheTilesComputedFromTheEvents() {
    InMemorySealedStore store = new InMemorySealedStore();

    List<RolledUp> written = runOwner(store, events, T0 + DAY_MS + LATENESS_MS);

    assertThat(written)
        .extracting(r -> r.entity().entityKey() + "@" + r.tile().key())
        .containsExactly(
            "a@" + new TileKey(HOUR_MS, T0),
            "b@" + new TileKey(HOUR_MS, T0),
            "c@" + new TileKey(HOUR_MS, T0),
            "a@" + new TileKey(HOUR_MS, T0 + HOUR_MS),
            "c@" + new TileKey(HOUR_MS, T0 + HOUR_MS),
            "a@" + new TileKey(DAY_MS, T0),
            "b@" + new TileKey(DAY_MS, T0),
            "c@" + new TileKey(DAY_MS, T0));
    for (String entityKey : List.of("a", "b", "c")) {
      assertThat(tiles(store, entityKey, HOUR_MS))
          .as("%s's hours", entityKey)
          .isEqualTo(fromEvents(entityKey, HOUR_MS));
      assertThat(tiles(store, entityKey, DAY_MS))
          .as("%s's day", entityKey)
          .isEqualTo(fromEvents(entityKey, DAY_MS));
    }
  }

  @Test
  void aClosedTileGetsAManifestOfItsEntitiesWhichTheNextLevelReads() {
    InMemorySealedStore store = new InMemorySealedStore();

    runOwner(store, events, T0 + 2 * HOUR_MS + LATENESS_MS); // the hours close, the day not yet

    assertThat(join(store.readManifests(view, TOPIC, PARTITION, HOUR_MS, T0, T0 + DAY_MS)))
        .containsExactly(
            new SealedManifest(
                view, TOPIC, PARTITION, new TileKey(HOUR_MS, T0), List.of("a", "b", "c")),
            new SealedManifest(
                view, TOPIC, PARTITION, new TileKey(HOUR_MS, T0 + HOUR_MS), List.of("a", "c")));
    assertThat(tiles(store, "b", DAY_MS)).isEmpty();
  }

  @Test
  void aCloseAfterATakeoverWithNothingInMemoryWritesTheSameTiles() {
    InMemorySealedStore uninterrupted = new InMemorySealedStore();
    runOwner(uninterrupted, events, T0 + DAY_MS + LATENESS_MS);

    InMemorySealedStore takenOver = new InMemorySealedStore();
    OpenState first = OpenState.empty(aggregator, LATENESS_MS, TOPIC, PARTITION);
    events.subList(0, 5).forEach(first::apply);
    write(takenOver, first.advanceWatermark(T0 + HOUR_MS + LATENESS_MS)); // hour 0 closes
    OpenState restored =
        OpenState.restored(
            aggregator, LATENESS_MS, TOPIC, PARTITION, first.progress("test_view", 1));
    // the replay starts at the oldest open finest tile: e4 (hour 1), not e0
    assertThat(first.replayFromOffset()).hasValue(4);
    events.subList(4, events.size()).forEach(restored::apply);
    write(takenOver, restored.advanceWatermark(T0 + DAY_MS + LATENESS_MS));

    for (String entityKey : List.of("a", "b", "c")) {
      for (long resolutionMs : List.of(HOUR_MS, DAY_MS)) {
        assertThat(tiles(takenOver, entityKey, resolutionMs))
            .as("%s at %d ms", entityKey, resolutionMs)
            .isEqualTo(tiles(uninterrupted, entityKey, resolutionMs));
      }
    }
  }

  @Test
  void rollsUpOnlyTheEntitiesOfItsOwnPartition() {
    InMemorySealedStore store = new InMemorySealedStore();
    OpenState other = OpenState.empty(aggregator, LATENESS_MS, TOPIC, PARTITION + 1);
    other.apply(event("x", T0 + 5, "x0", 0));
    SealResult otherSeal = other.advanceWatermark(T0 + 30 * MINUTE_MS);
    join(store.writeMinutes(otherSeal.minutes()));
    join(store.writeManifests(otherSeal.manifests()));

    List<RolledUp> written =
        join(
            new CoarseCloser(aggregator, TOPIC, PARTITION, store)
                .close(List.of(new CoarseClose(HOUR_MS, T0))));

    assertThat(written).isEmpty();
    assertThat(tiles(store, "x", HOUR_MS)).isEmpty();
    assertThat(join(store.readManifests(view, TOPIC, PARTITION, HOUR_MS, T0, T0 + DAY_MS)))
        .isEmpty();
  }

  /** Applies {@code applied} to a fresh state, advances once, writes as the owner does. */
  private List<RolledUp> runOwner(SealedStore store, List<Event> applied, long watermarkMs) {
    OpenState state = OpenState.empty(aggregator, LATENESS_MS, TOPIC, PARTITION);
    applied.forEach(state::apply);
    return write(store, state.advanceWatermark(watermarkMs));
  }

  /** The owner's write round: minutes and manifests together, then the closes. */
  private List<RolledUp> write(SealedStore store, SealResult result) {
    join(store.writeMinutes(result.minutes()));
    join(store.writeManifests(result.manifests()));
    return join(new CoarseCloser(aggregator, TOPIC, PARTITION, store).close(result.closes()));
  }

  /** The entity's tiles of {@code resolutionMs}, straight from its events: no store, no closer. */
  private List<TileRow> fromEvents(String entityKey, long resolutionMs) {
    CanonicalTiles canonical = new CanonicalTiles(aggregator);
    TileCodec codec = new TileCodec(aggregator);
    List<Event> mine = events.stream().filter(e -> e.entityKey().equals(entityKey)).toList();
    List<TileRow> rows = new ArrayList<>();
    for (long startMs = T0; startMs < T0 + DAY_MS; startMs += resolutionMs) {
      TileKey key = new TileKey(resolutionMs, startMs);
      List<Tile> minutes = new ArrayList<>();
      for (long minute = startMs; minute < key.endMs(); minute += MINUTE_MS) {
        TileKey minuteKey = new TileKey(MINUTE_MS, minute);
        List<Event> in = mine.stream().filter(e -> minuteKey.contains(e.eventTimeMs())).toList();
        if (!in.isEmpty()) {
          minutes.add(canonical.fromEvents(minuteKey, in));
        }
      }
      if (minutes.isEmpty()) {
        continue;
      }
      Tile tile =
          resolutionMs == HOUR_MS
              ? canonical.fromChildren(key, minutes)
              : canonical.fromChildren(key, hoursOf(key, minutes, canonical));
      rows.add(codec.encode(tile));
    }
    return rows;
  }

  /** The canonical hour tiles of a day's minute tiles, the level a day is rolled up from. */
  private static List<Tile> hoursOf(TileKey day, List<Tile> minutes, CanonicalTiles canonical) {
    List<Tile> hours = new ArrayList<>();
    for (long startMs = day.startMs(); startMs < day.endMs(); startMs += HOUR_MS) {
      TileKey hour = new TileKey(HOUR_MS, startMs);
      List<Tile> in = minutes.stream().filter(m -> hour.contains(m.key().startMs())).toList();
      if (!in.isEmpty()) {
        hours.add(canonical.fromChildren(hour, in));
      }
    }
    return hours;
  }

  private List<TileRow> tiles(SealedStore store, String entityKey, long resolutionMs) {
    return join(store.readTiles(new EntityRef(view, entityKey), resolutionMs, T0, T0 + 2 * DAY_MS));
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static Event event(String entityKey, long timeMs, String id, long offset) {
    return new Event(entityKey, timeMs, id, offset, Map.of(TestView.LONG_COLUMN, (long) offset));
  }
}
