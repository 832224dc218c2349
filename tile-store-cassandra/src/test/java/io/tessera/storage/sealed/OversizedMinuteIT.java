package io.tessera.storage.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A minute too large for one batch (here: a batch budget of 64 KiB) is written as several batches
 * of chunks and then its tile row, and reads back whole, beside a minute that fits in one batch.
 */
@RealStackTest
class OversizedMinuteIT {
  private static final long MINUTE_MS = 60_000L;

  @Test
  void writesAMinuteLargerThanOneBatchAsChunksThenItsTileAndReadsItBackWhole() throws Exception {
    CassandraSealedStore store =
        new CassandraSealedStore(
            LocalStack.get().cqlSession(),
            CassandraSealedStoreIT.sharedSchema(),
            FinestResolution.MINUTES,
            ViewRetention.FOREVER,
            64 * 1024);
    EntityRef entity = new EntityRef(UniqueNames.of("oversized"), "hot");
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      long time = MINUTE_MS + i * 2L;
      events.add(new Event("hot", time, "id-%06d".formatted(i), i, Map.of("amount", (long) i)));
    }
    TileRow hotTile =
        new TileRow(new TileKey(MINUTE_MS, MINUTE_MS), 2 * MINUTE_MS - 2, new byte[] {1});
    TileRow quietTile = new TileRow(new TileKey(MINUTE_MS, 0), 0, new byte[] {2});
    Event quiet = new Event("hot", 0, "q", 0, Map.of());

    store
        .writeMinutes(
            List.of(
                new SealedMinute(entity, quietTile, List.of(quiet)),
                new SealedMinute(entity, hotTile, events)))
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);

    assertThat(store.readTiles(entity, MINUTE_MS, 0, 2 * MINUTE_MS).toCompletableFuture().join())
        .containsExactly(quietTile, hotTile);
    List<Event> read = store.readEvents(entity, 0, 2 * MINUTE_MS).toCompletableFuture().join();
    assertThat(read).hasSize(30_001);
    assertThat(read.get(0)).isEqualTo(quiet);
    assertThat(read.subList(1, read.size())).isEqualTo(events);
  }
}
