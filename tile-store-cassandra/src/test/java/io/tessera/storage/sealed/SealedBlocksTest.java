package io.tessera.storage.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.sealed.SealedBlocks;
import io.tessera.engine.tile.Tiling;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blocks the store announces ({@link CassandraSealedStore#blocks}) are its partitions: a cache
 * that keys by them misses exactly once per partition query.
 */
class SealedBlocksTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final EntityRef MINUTES = new EntityRef("minutes", "u");
  private static final EntityRef SEVEN_MINUTES = new EntityRef("seven", "u");
  private static final Map<String, Long> FINEST = Map.of("minutes", MINUTE, "seven", 7 * MINUTE);
  private static final SealedBlocks BLOCKS = CassandraSealedStore.blocks(FINEST::get);

  @Test
  void aBlockOfFinestTilesIsOnePartitionOfSealedRows() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long startMs = Tiling.floor(random.nextLong(-1_000 * HOUR, 1_000 * HOUR), MINUTE);
      SealedBlocks.Block block = BLOCKS.tiles(MINUTES, MINUTE, startMs);

      long bucket = SealedKeys.minuteBucket(startMs);
      assertThat(SealedKeys.minuteBucket(block.fromMs())).isEqualTo(bucket);
      assertThat(SealedKeys.minuteBucket(block.toMs() - 1)).isEqualTo(bucket);
      assertThat(SealedKeys.minuteBucket(block.fromMs() - 1)).isEqualTo(bucket - 1);
      assertThat(SealedKeys.minuteBucket(block.toMs())).isEqualTo(bucket + 1);
    }
  }

  @Test
  void aBlockOfCoarseTilesIsOnePartitionOfTheTileTable() {
    Random random = new Random(11);
    for (long resolutionMs : List.of(HOUR, 24 * HOUR, 7 * MINUTE * 3)) {
      for (int i = 0; i < 2_000; i++) {
        long startMs = Tiling.floor(random.nextLong(-100_000 * HOUR, 100_000 * HOUR), resolutionMs);
        SealedBlocks.Block block = BLOCKS.tiles(MINUTES, resolutionMs, startMs);

        long bucket = SealedKeys.tileBucket(resolutionMs, startMs);
        assertThat(SealedKeys.tileBucket(resolutionMs, block.fromMs())).isEqualTo(bucket);
        assertThat(SealedKeys.tileBucket(resolutionMs, block.toMs() - 1)).isEqualTo(bucket);
        assertThat(SealedKeys.tileBucket(resolutionMs, block.fromMs() - 1)).isEqualTo(bucket - 1);
        assertThat(SealedKeys.tileBucket(resolutionMs, block.toMs())).isEqualTo(bucket + 1);
      }
    }
  }

  @Test
  void theEventsOfABlockAreThoseOfTheRowsInOnePartitionEvenWhenTilesStraddleHours() {
    Random random = new Random(13);
    for (EntityRef entity : List.of(MINUTES, SEVEN_MINUTES)) {
      long tileMs = FINEST.get(entity.view());
      for (int i = 0; i < 10_000; i++) {
        long eventTimeMs = random.nextLong(-1_000 * HOUR, 1_000 * HOUR);
        SealedBlocks.Block block = BLOCKS.events(entity, eventTimeMs);

        long bucket = SealedKeys.minuteBucket(Tiling.floor(eventTimeMs, tileMs));
        assertThat(block.holds(eventTimeMs)).isTrue();
        // every event of the block is in a row of the same partition, and its neighbours' are not
        assertThat(SealedKeys.minuteBucket(Tiling.floor(block.fromMs(), tileMs))).isEqualTo(bucket);
        assertThat(SealedKeys.minuteBucket(Tiling.floor(block.toMs() - 1, tileMs)))
            .isEqualTo(bucket);
        assertThat(SealedKeys.minuteBucket(Tiling.floor(block.fromMs() - 1, tileMs)))
            .isLessThan(bucket);
        assertThat(SealedKeys.minuteBucket(Tiling.floor(block.toMs(), tileMs)))
            .isGreaterThan(bucket);
      }
    }
  }
}
