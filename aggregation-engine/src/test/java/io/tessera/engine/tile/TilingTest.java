package io.tessera.engine.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.definitions.window.TileResolutions;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TilingTest {

  @Property(tries = 300)
  void everyTimeFallsInExactlyOneTileOfEachResolutionAndThatTileIsInsideItsParent(
      @ForAll @LongRange(min = -100_000_000_000_000L, max = 100_000_000_000_000L) long timeMs) {
    Tiling tiling = new Tiling(TileResolutions.DEFAULT);
    TileKey parent = null;
    for (long resolutionMs : tiling.resolutionsMs()) {
      TileKey tile = TileKey.containing(resolutionMs, timeMs);
      assertThat(tile.contains(timeMs)).isTrue();
      assertThat(Math.floorMod(tile.startMs(), resolutionMs)).isZero();
      if (parent != null) {
        assertThat(parent.contains(tile.startMs()) && tile.endMs() <= parent.endMs()).isTrue();
      }
      parent = tile;
    }
  }

  @Test
  void floorsAndCeilsNegativeTimesTowardTheirTileEdges() {
    assertThat(Tiling.floor(-1, 60_000)).isEqualTo(-60_000);
    assertThat(Tiling.ceil(-1, 60_000)).isZero();
    assertThat(Tiling.ceil(-60_000, 60_000)).isEqualTo(-60_000);
    assertThat(Tiling.floor(59_999, 60_000)).isZero();
  }

  @Test
  void rejectsResolutionsThatDoNotDescendInWholeMultiples() {
    assertThatThrownBy(() -> new Tiling(new TileResolutions(List.of(3_600_000L, 7 * 60_000L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole multiple");
    assertThatThrownBy(() -> new Tiling(new TileResolutions(List.of(60_000L, 3_600_000L))))
        .hasMessageContaining("descend");
  }

  @Test
  void rejectsATileStartThatIsNotAligned() {
    assertThatThrownBy(() -> new TileKey(60_000, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
