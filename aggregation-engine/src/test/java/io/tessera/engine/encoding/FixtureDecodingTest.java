package io.tessera.engine.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.definitions.feature.AggregationKind;
import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.function.FeatureAggregator;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewAggregator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bytes written by format version 1 (checked in under fixtures/) still decode to the values they
 * held, and encoding the same IRs today gives the same bytes: a format change is a decision.
 */
class FixtureDecodingTest {
  private static final ViewAggregator AGGREGATOR =
      new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT));

  private static List<String> lines(String name) throws IOException {
    try (InputStream in = FixtureDecodingTest.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void decodesEveryFunctionsVersionOneIrToItsRecordedValue() throws IOException {
    List<String> lines = lines("ir-v1.txt");
    assertThat(lines).hasSize(AGGREGATOR.size());
    Ir[] today = AGGREGATOR.init();
    FixtureEvents.events().forEach(event -> AGGREGATOR.add(today, event));
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).split("\t");
      FeatureAggregator<?> aggregator = AGGREGATOR.aggregator(i);
      byte[] bytes = HexFormat.of().parseHex(parts[1]);

      Ir decoded = aggregator.decode(bytes);

      assertThat(parts[0]).isEqualTo(AGGREGATOR.view().features().get(i).name());
      assertThat(String.valueOf(AGGREGATOR.finish(i, decoded))).as(parts[0]).isEqualTo(parts[2]);
      assertThat(decoded.newestEventTimeMs()).isEqualTo(1_772_841_600_000L + 6 * 7_000L);
      if (aggregator.function().kind() != AggregationKind.APPROX_COUNT_DISTINCT) {
        assertThat(aggregator.encode(today[i])).as(parts[0]).isEqualTo(bytes);
      }
    }
  }

  @Test
  void decodesAVersionOneTile() throws IOException {
    byte[] payload = HexFormat.of().parseHex(lines("tile-v1.txt").get(0));
    TileKey key = new TileKey(TestView.MINUTE_MS, 1_772_841_600_000L);
    TileCodec codec = new TileCodec(AGGREGATOR);

    Tile tile = codec.decode(new TileRow(key, 0, payload));

    assertThat(AGGREGATOR.finish(0, tile.states()[0])).isEqualTo(7L);
    assertThat(codec.encode(tile).payload()).isEqualTo(payload);
  }

  @Test
  void rejectsAnUnknownFormatVersion() {
    byte[] bytes = AGGREGATOR.aggregator(0).encode(AGGREGATOR.init()[0]);
    bytes[0] = 2;
    assertThatThrownBy(() -> AGGREGATOR.aggregator(0).decode(bytes))
        .isInstanceOf(MalformedIrException.class)
        .hasMessageContaining("version 2");
  }

  @Test
  void rejectsTruncatedBytes() {
    byte[] bytes = AGGREGATOR.aggregator(2).encode(AGGREGATOR.init()[2]);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    assertThatThrownBy(() -> AGGREGATOR.aggregator(2).decode(truncated))
        .isInstanceOf(MalformedIrException.class);
  }
}
