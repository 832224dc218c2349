package io.tessera.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TileStore} must keep. Shipped in this module's test-jar: a store module
 * depends on {@code aggregation-engine} with {@code <type>test-jar</type>} and {@code
 * <scope>test</scope>}, extends this class and implements {@link #createStore()} (a fresh, empty
 * store, or one whose entities no other test uses).
 */
public abstract class TileStoreContract {
  private static final long MINUTE = 60_000L;

  protected TileStore store;
  protected EntityRef entity;

  /** A store to test; called before each test. */
  protected abstract TileStore createStore();

  @BeforeEach
  void setUpStore() {
    store = createStore();
    entity = new EntityRef("contract_view", "entity-" + System.nanoTime());
  }

  protected static Event event(String id, long timeMs, long offset) {
    Map<String, Object> values = new HashMap<>();
    values.put("amount", offset * 10);
    values.put("category", "c" + offset);
    values.put("missing", null);
    return new Event("e", timeMs, id, offset, values);
  }

  private static TileRow tile(long resolutionMs, long startMs, long covered, byte... payload) {
    return new TileRow(new TileKey(resolutionMs, startMs), covered, startMs + 1, payload);
  }

  @Test
  void anUnknownEntityHasAnEmptyHeadAndNoRows() {
    assertThat(store.readHead(entity)).isEqualTo(EntityHead.EMPTY);
    assertThat(store.readTiles(entity, MINUTE, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
    assertThat(store.readEvents(entity, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void appendsAnEventToTheLogAndToPendingOnce() {
    Event first = event("a", 1_000, 5);
    assertThat(store.append(entity, first)).isTrue();
    assertThat(store.append(entity, first.atOffset(9))).isFalse();

    assertThat(store.readHead(entity).pending()).containsExactly(first);
    assertThat(store.readEvents(entity, 0, 2_000)).containsExactly(first);
  }

  @Test
  void keepsNullAndAllValueTypesOfAnEvent() {
    Map<String, Object> values = new HashMap<>();
    values.put("l", 42L);
    values.put("d", -0.5);
    values.put("s", "text");
    values.put("b", true);
    values.put("n", null);
    Event event = new Event("e", 7, "id", 1, values);
    store.append(entity, event);
    assertThat(store.readEvents(entity, 7, 8)).containsExactly(event);
  }

  @Test
  void readsEventsInAHalfOpenTimeRangeInCanonicalOrder() {
    store.append(entity, event("b", 2 * MINUTE, 1));
    store.append(entity, event("a", 2 * MINUTE, 2));
    store.append(entity, event("c", MINUTE, 3));
    store.append(entity, event("d", 3 * MINUTE, 4));

    assertThat(store.readEvents(entity, MINUTE, 3 * MINUTE))
        .extracting(Event::eventId)
        .containsExactly("c", "a", "b");
  }

  @Test
  void returnsPendingEventsInOffsetOrderAndDeletesThroughAnOffset() {
    store.append(entity, event("x", 500, 12));
    store.append(entity, event("y", 100, 10));
    store.append(entity, event("z", 300, 11));
    assertThat(store.readHead(entity).pending())
        .extracting(Event::offset)
        .containsExactly(10L, 11L, 12L);

    store.deletePending(entity, 11);

    assertThat(store.readHead(entity).pending()).extracting(Event::eventId).containsExactly("x");
    assertThat(store.readEvents(entity, 0, 1_000)).hasSize(3);
  }

  @Test
  void readsTilesOfOneResolutionWhoseStartIsInTheRange() {
    store.writeTiles(
        entity,
        List.of(
            tile(MINUTE, 0, 1, (byte) 1),
            tile(MINUTE, MINUTE, 2, (byte) 2),
            tile(MINUTE, 2 * MINUTE, 3, (byte) 3),
            tile(60 * MINUTE, 0, 3, (byte) 4)));

    assertThat(store.readTiles(entity, MINUTE, MINUTE, 2 * MINUTE))
        .containsExactly(tile(MINUTE, MINUTE, 2, (byte) 2));
    assertThat(store.readTiles(entity, MINUTE, 0, 3 * MINUTE)).hasSize(3);
    assertThat(store.readTiles(entity, 60 * MINUTE, 0, 3 * MINUTE))
        .containsExactly(tile(60 * MINUTE, 0, 3, (byte) 4));
  }

  @Test
  void replacesATileByKey() {
    store.writeTiles(entity, List.of(tile(MINUTE, -MINUTE, 1, (byte) 1)));
    store.writeTiles(entity, List.of(tile(MINUTE, -MINUTE, 7, (byte) 9, (byte) 9)));

    assertThat(store.readTiles(entity, MINUTE, -MINUTE, 0))
        .containsExactly(tile(MINUTE, -MINUTE, 7, (byte) 9, (byte) 9));
  }

  @Test
  void storesMetadataWithTheHead() {
    EntityMeta meta = new EntityMeta(-5, 42, Map.of(3_600_000L, 7_200_000L), 60_000);
    store.append(entity, event("p", 10, 43));
    store.writeMeta(entity, meta);

    EntityHead head = store.readHead(entity);
    assertThat(head.meta()).isEqualTo(meta);
    assertThat(head.pending()).extracting(Event::eventId).containsExactly("p");
  }

  @Test
  void keepsEntitiesApart() {
    EntityRef other = new EntityRef(entity.view(), entity.entityKey() + "-other");
    store.append(entity, event("a", 1, 1));
    store.writeTiles(entity, List.of(tile(MINUTE, 0, 1, (byte) 1)));

    assertThat(store.readHead(other).pending()).isEmpty();
    assertThat(store.readTiles(other, MINUTE, 0, MINUTE)).isEmpty();
    assertThat(store.append(other, event("a", 1, 1))).isTrue();
  }
}
