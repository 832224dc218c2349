package io.tessera.serving.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A held row's tile is decoded once, and only the very row object finds it. */
class DecodedTileCacheTest {
  private static final ViewSpec SPEC = TestView.allFunctions(TileResolutions.DEFAULT);
  private static final ViewAggregator AGGREGATOR = new ViewAggregator(SPEC);
  private static final TileCodec CODEC = new TileCodec(AGGREGATOR);

  @Test
  void theSameRowObjectIsDecodedOnceAnEqualCopyOfItIsNot() {
    DecodedTileCache cache = new DecodedTileCache(1 << 20, new SimpleMeterRegistry());
    TileRow row = row(40);
    TileRow copy = new TileRow(row.key(), row.newestEventTimeMs(), row.payload().clone());

    Tile first = cache.decode(row, CODEC);

    assertThat(cache.decode(row, CODEC)).isSameAs(first);
    // rows read straight from a store are new objects: equal bytes, but not the row held
    assertThat(copy).isEqualTo(row);
    assertThat(cache.decode(copy, CODEC)).isNotSameAs(first);
    assertSameStates(first, CODEC.decode(row));
  }

  @Test
  void pastItsBoundATileIsDecodedAgainAndStillTheSame() {
    DecodedTileCache cache = new DecodedTileCache(1, new SimpleMeterRegistry());
    TileRow row = row(400);

    Tile first = cache.decode(row, CODEC);
    Tile again = cache.decode(row, CODEC);

    assertSameStates(first, again);
    assertSameStates(again, CODEC.decode(row));
  }

  /** A minute tile of {@code events} events, encoded as the owner writes it. */
  private static TileRow row(int events) {
    long startMs = 1_728_000_000_000L;
    Ir[] states = AGGREGATOR.init();
    for (int i = 0; i < events; i++) {
      long timeMs = startMs + i;
      AGGREGATOR.add(
          states,
          new Event(
              "u",
              timeMs,
              "e" + i,
              i,
              Map.of(
                  TestView.LONG_COLUMN,
                  (long) i % 97,
                  TestView.DOUBLE_COLUMN,
                  i / 7.0,
                  TestView.STRING_COLUMN,
                  "c" + i % 5)));
    }
    return CODEC.encode(new Tile(new TileKey(60_000L, startMs), states));
  }

  private static void assertSameStates(Tile actual, Tile expected) {
    assertThat(actual.key()).isEqualTo(expected.key());
    assertThat(CODEC.encode(actual).payload()).isEqualTo(CODEC.encode(expected).payload());
  }
}
