package io.tessera.engine.encoding;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.Tile;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.view.ViewAggregator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes src/test/resources/fixtures/*-v1.txt. Run by hand only when a format version changes (then
 * add new files; never rewrite old ones): {@code mvn -pl aggregation-engine test-compile exec:java
 * -Dexec.mainClass=io.tessera.engine.encoding.FixtureWriter -Dexec.classpathScope=test}.
 */
public final class FixtureWriter {
  private FixtureWriter() {}

  public static void main(String[] args) throws IOException {
    ViewAggregator aggregator = new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT));
    Ir[] states = aggregator.init();
    for (Event event : FixtureEvents.events()) {
      aggregator.add(states, event);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < states.length; i++) {
      lines.add(
          aggregator.view().features().get(i).name()
              + "\t"
              + HexFormat.of().formatHex(aggregator.aggregator(i).encode(states[i]))
              + "\t"
              + aggregator.finish(i, states[i]));
    }
    Path dir = Path.of("src/test/resources/fixtures");
    Files.createDirectories(dir);
    Files.write(dir.resolve("ir-v1.txt"), lines);
    Tile tile =
        new CanonicalTiles(aggregator)
            .fromEvents(
                new TileKey(TestView.MINUTE_MS, 1_772_841_600_000L), FixtureEvents.events());
    Files.writeString(
        dir.resolve("tile-v1.txt"),
        HexFormat.of().formatHex(new TileCodec(aggregator).encode(tile).payload()) + "\n");
  }
}
