package io.tessera.engine.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SealedStore} must keep. Shipped in this module's test-jar: a store
 * module depends on {@code aggregation-engine} with {@code <type>test-jar</type>}, extends this
 * class and implements {@link #createStore()}. Every test uses its own views, entities and topic,
 * so one store may serve all tests. The manifest tests are in {@link SealedManifestContract}. A
 * store that must know a view's finest resolution gives every view {@link #FINEST_MS}.
 */
public abstract class SealedStoreContract extends SealedManifestContract {
  /** The finest resolution of every view these tests write. */
  public static final long FINEST_MS = 60_000L;

  protected static final long HOUR_MS = 3_600_000L;
  protected static final long DAY_MS = 86_400_000L;

  protected SealedStore store;
  protected EntityRef entity;
  private String run;

  /** A store to test; called before each test. */
  protected abstract SealedStore createStore();

  @Override
  protected SealedStore store() {
    return store;
  }

  @BeforeEach
  void setUpStore() {
    store = createStore();
    run = Long.toString(System.nanoTime(), 36);
    entity = new EntityRef("contract_view_" + run, "entity-" + run);
  }

  protected static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store operation failed", e);
    }
  }

  protected static Event event(EntityRef entity, String id, long timeMs, long offset) {
    Map<String, Object> values = new HashMap<>();
    values.put("amount", offset * 10);
    values.put("category", "c" + offset);
    values.put("missing", null);
    return new Event(entity.entityKey(), timeMs, id, offset, values);
  }

  /** A tile whose payload bytes depend on its start and a seed (stores never decode them). */
  protected static TileRow tile(long resolutionMs, long startMs, long seed, int payloadSize) {
    byte[] payload = new byte[payloadSize];
    for (int i = 0; i < payloadSize; i++) {
      payload[i] = (byte) (startMs * 31 + seed + i);
    }
    return new TileRow(new TileKey(resolutionMs, startMs), startMs + 1, payload);
  }

  /** A sealed finest row of {@code events} (given in canonical order). */
  protected static SealedMinute minute(EntityRef entity, long startMs, Event... events) {
    long seed = 0;
    for (Event event : events) {
      seed = Math.max(seed, event.offset());
    }
    return new SealedMinute(
        entity, tile(FINEST_MS, startMs, seed, 3 + events.length), List.of(events));
  }

  private void write(SealedMinute... minutes) {
    await(store.writeMinutes(List.of(minutes)));
  }

  private List<Event> events(EntityRef of, long fromMs, long toMs) {
    return await(store.readEvents(of, fromMs, toMs));
  }

  private List<TileRow> tiles(EntityRef of, long resolutionMs, long fromMs, long toMs) {
    return await(store.readTiles(of, resolutionMs, fromMs, toMs));
  }

  @Test
  void anUnknownEntityAndAnUnknownPartitionReadEmpty() {
    assertThat(tiles(entity, FINEST_MS, -DAY_MS, DAY_MS)).isEmpty();
    assertThat(tiles(entity, HOUR_MS, -DAY_MS, DAY_MS)).isEmpty();
    assertThat(events(entity, -DAY_MS, DAY_MS)).isEmpty();
    assertThat(await(store.readCheckpoint("topic_" + run, 3))).isEmpty();
  }

  @Test
  void emptyAndInvertedRangesReadNothing() {
    write(minute(entity, 0, event(entity, "a", 10, 1)));

    assertThat(tiles(entity, FINEST_MS, 0, 0)).isEmpty();
    assertThat(tiles(entity, FINEST_MS, FINEST_MS, 0)).isEmpty();
    assertThat(events(entity, 10, 10)).isEmpty();
    assertThat(events(entity, 11, 10)).isEmpty();
  }

  @Test
  void roundTripsAMinuteWithItsTileAndEveryValueTypeAndNull() {
    Map<String, Object> values = new HashMap<>();
    values.put("l", Long.MIN_VALUE);
    values.put("d", -0.5);
    values.put("s", "naïve ☃ text");
    values.put("empty", "");
    values.put("b", false);
    values.put("n", null);
    Event typed = new Event(entity.entityKey(), 7, "typed", 11, values);
    Event bare = new Event(entity.entityKey(), 8, "bare", 12, Map.of());
    Event otherKey = new Event("a-different-key", 9, "other", 13, Map.of("x", 1L));
    SealedMinute minute = minute(entity, 0, typed, bare, otherKey);

    write(minute);

    assertThat(events(entity, 0, FINEST_MS)).containsExactly(typed, bare, otherKey);
    assertThat(tiles(entity, FINEST_MS, 0, FINEST_MS)).containsExactly(minute.tile());
  }

  @Test
  void readsEventsInCanonicalOrderAcrossMinutesWrittenInAnyOrder() {
    Event late = event(entity, "z", 2 * FINEST_MS + 5, 1);
    Event sameMsB = event(entity, "b", FINEST_MS + 5, 2);
    Event sameMsA = event(entity, "a", FINEST_MS + 5, 3);
    Event first = event(entity, "y", FINEST_MS, 4);

    write(minute(entity, 2 * FINEST_MS, late), minute(entity, FINEST_MS, first, sameMsA, sameMsB));

    assertThat(events(entity, 0, 3 * FINEST_MS)).containsExactly(first, sameMsA, sameMsB, late);
  }

  @Test
  void readsEventsWhoseTimeIsInAHalfOpenRangeToTheMillisecondWithNegativeTimes() {
    long start = -2 * FINEST_MS;
    Event atStart = event(entity, "s", start, 1);
    Event inside = event(entity, "i", start + 500, 2);
    Event lastMs = event(entity, "l", start + FINEST_MS - 1, 3);
    Event next = event(entity, "n", -FINEST_MS, 4);
    write(minute(entity, start, atStart, inside, lastMs), minute(entity, -FINEST_MS, next));

    assertThat(events(entity, start, start + 500)).containsExactly(atStart);
    assertThat(events(entity, start + 1, start + FINEST_MS - 1)).containsExactly(inside);
    assertThat(events(entity, start + 500, -FINEST_MS + 1)).containsExactly(inside, lastMs, next);
    assertThat(events(entity, start - 1, start)).isEmpty();
  }

  @Test
  void readsFinestTilesFromSealedRowsWhoseStartIsInAHalfOpenRange() {
    write(
        minute(entity, -FINEST_MS, event(entity, "a", -1, 1)),
        minute(entity, 0, event(entity, "b", 0, 2)),
        minute(entity, FINEST_MS, event(entity, "c", FINEST_MS, 3)));
    List<TileRow> all = tiles(entity, FINEST_MS, -FINEST_MS, 2 * FINEST_MS);

    assertThat(all)
        .extracting(row -> row.key().startMs())
        .containsExactly(-FINEST_MS, 0L, FINEST_MS);
    assertThat(tiles(entity, FINEST_MS, -FINEST_MS + 1, FINEST_MS + 1))
        .containsExactly(all.get(1), all.get(2));
    assertThat(tiles(entity, FINEST_MS, -FINEST_MS, 0)).containsExactly(all.get(0));
    assertThat(tiles(entity, HOUR_MS, -DAY_MS, DAY_MS)).isEmpty();
  }

  @Test
  void readsCoarseTilesOfOneResolutionAsWritten() {
    TileRow hourBefore = tile(HOUR_MS, -HOUR_MS, 5, 40);
    TileRow hour = tile(HOUR_MS, 0, 9, 40);
    TileRow day = tile(DAY_MS, 0, 9, 70);
    await(store.writeTiles(entity, List.of(hour, day, hourBefore)));
    write(minute(entity, 0, event(entity, "m", 0, 9)));

    assertThat(tiles(entity, HOUR_MS, -HOUR_MS, HOUR_MS)).containsExactly(hourBefore, hour);
    assertThat(tiles(entity, HOUR_MS, -HOUR_MS + 1, HOUR_MS)).containsExactly(hour);
    assertThat(tiles(entity, HOUR_MS, -HOUR_MS, 0)).containsExactly(hourBefore);
    assertThat(tiles(entity, DAY_MS, 0, DAY_MS)).containsExactly(day);
    assertThat(tiles(entity, FINEST_MS, 0, DAY_MS)).hasSize(1);
  }

  @Test
  void readsRangesSpanningManyHoursAndYearsInOrder() {
    List<SealedMinute> minutes = new ArrayList<>();
    List<Event> expected = new ArrayList<>();
    for (long hour = 3; hour >= -3; hour--) {
      Event event = event(entity, "h" + hour, hour * HOUR_MS + 7, hour + 10);
      minutes.add(minute(entity, hour * HOUR_MS, event));
      expected.add(0, event);
    }
    await(store.writeMinutes(minutes));
    List<TileRow> days = new ArrayList<>();
    for (long day = -800; day <= 800; day += 100) {
      days.add(tile(DAY_MS, day * DAY_MS, 1, 8));
    }
    await(store.writeTiles(entity, days));

    assertThat(events(entity, -3 * HOUR_MS, 4 * HOUR_MS)).containsExactlyElementsOf(expected);
    assertThat(tiles(entity, FINEST_MS, -3 * HOUR_MS, 4 * HOUR_MS))
        .extracting(row -> row.key().startMs() / HOUR_MS)
        .containsExactly(-3L, -2L, -1L, 0L, 1L, 2L, 3L);
    assertThat(tiles(entity, DAY_MS, -800 * DAY_MS, 801 * DAY_MS)).containsExactlyElementsOf(days);
  }

  @Test
  void keepsEntitiesAndViewsApart() {
    EntityRef otherEntity = new EntityRef(entity.view(), entity.entityKey() + "-other");
    EntityRef otherView = new EntityRef(entity.view() + "_other", entity.entityKey());
    write(minute(entity, 0, event(entity, "a", 1, 1)));
    await(store.writeTiles(entity, List.of(tile(HOUR_MS, 0, 1, 4))));
    Event ofOtherView = event(otherView, "b", 2, 2);
    write(minute(otherView, 0, ofOtherView));

    for (EntityRef other : List.of(otherEntity, otherView)) {
      assertThat(tiles(other, HOUR_MS, 0, HOUR_MS)).isEmpty();
    }
    assertThat(tiles(otherEntity, FINEST_MS, 0, HOUR_MS)).isEmpty();
    assertThat(events(otherEntity, 0, HOUR_MS)).isEmpty();
    assertThat(events(otherView, 0, HOUR_MS)).containsExactly(ofOtherView);
    assertThat(events(entity, 0, HOUR_MS)).extracting(Event::eventId).containsExactly("a");
  }

  @Test
  void writingTheSameMinuteAndTilesTwiceStoresThemOnce() {
    SealedMinute minute =
        minute(
            entity,
            FINEST_MS,
            event(entity, "a", FINEST_MS + 1, 1),
            event(entity, "b", FINEST_MS + 2, 2));
    TileRow hour = tile(HOUR_MS, 0, 2, 12);
    write(minute);
    await(store.writeTiles(entity, List.of(hour)));

    write(minute);
    await(store.writeTiles(entity, List.of(hour)));

    assertThat(events(entity, 0, HOUR_MS)).containsExactlyElementsOf(minute.events());
    assertThat(tiles(entity, FINEST_MS, 0, HOUR_MS)).containsExactly(minute.tile());
    assertThat(tiles(entity, HOUR_MS, 0, HOUR_MS)).containsExactly(hour);
  }

  @Test
  void roundTripsTheMinuteOfAHotEntityWithFiftyThousandEvents() {
    long start = 5 * HOUR_MS;
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      Map<String, Object> values = new HashMap<>();
      values.put("amount", (long) i * 7);
      values.put("price", i / 3.0);
      values.put("merchant", "merchant-" + (i % 977));
      values.put("card_present", i % 2 == 0);
      long time = start + i % FINEST_MS;
      events.add(new Event(entity.entityKey(), time, "evt-%08d".formatted(i), 1_000 + i, values));
    }
    events.sort(EventOrder.CANONICAL);
    SealedMinute hot = new SealedMinute(entity, tile(FINEST_MS, start, 50_999, 4_096), events);

    write(hot);

    assertThat(tiles(entity, FINEST_MS, start, start + FINEST_MS)).containsExactly(hot.tile());
    assertThat(events(entity, start, start + FINEST_MS)).isEqualTo(events);
    assertThat(events(entity, start + 100, start + 101))
        .containsExactlyElementsOf(
            events.stream().filter(e -> e.eventTimeMs() == start + 100).toList());
  }

  @Test
  void roundTripsACheckpoint() {
    PartitionCheckpoint checkpoint =
        new PartitionCheckpoint(
            "topic_" + run,
            4,
            1_234,
            1_300,
            List.of(
                new ViewProgress(
                    "v1", 3, -5_000, -60_000, Map.of(HOUR_MS, -HOUR_MS, DAY_MS, -DAY_MS)),
                new ViewProgress("v2", 1, 99_000, 60_000, Map.of())));

    await(store.writeCheckpoint(checkpoint));

    assertThat(await(store.readCheckpoint("topic_" + run, 4))).contains(checkpoint);
    assertThat(await(store.readCheckpoint("topic_" + run, 5))).isEmpty();
  }

  @Test
  void aHigherCheckpointReplacesALowerOne() {
    String topic = "topic_" + run;
    await(store.writeCheckpoint(new PartitionCheckpoint(topic, 0, 10, 10, List.of())));
    PartitionCheckpoint higher =
        new PartitionCheckpoint(
            topic, 0, 10, 11, List.of(new ViewProgress("v", 1, 5, 0, Map.of())));

    await(store.writeCheckpoint(higher));

    assertThat(await(store.readCheckpoint(topic, 0))).contains(higher);
  }

  @Test
  void aZombiesLowerCheckpointWrittenAfterAHigherOneNeverReplacesIt() {
    String topic = "topic_" + run;
    PartitionCheckpoint owner =
        new PartitionCheckpoint(
            topic, 2, 400, 500, List.of(new ViewProgress("v", 1, 9_000, 0, Map.of())));
    PartitionCheckpoint zombie =
        new PartitionCheckpoint(
            topic, 2, 420, 499, List.of(new ViewProgress("v", 1, 8_000, 0, Map.of())));

    await(store.writeCheckpoint(owner));
    await(store.writeCheckpoint(zombie));

    assertThat(await(store.readCheckpoint(topic, 2))).contains(owner);
  }
}
