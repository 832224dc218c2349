package io.tessera.serving.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SealedRangeCacheTest {
  private static final EntityRef ENTITY = new EntityRef("v", "u1");
  private static final TileRow TILE = new TileRow(new TileKey(60_000, 0), 5, new byte[] {1, 2});
  private static final Event EVENT = new Event("u1", 5, "e1", 0, Map.of("amount", 1.0));

  /** Answers from fixed rows, counting calls; fails while {@code failing} is set. */
  private static final class CountingReads implements SealedRowReads {
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean failing;

    @Override
    public CompletionStage<List<TileRow>> readTiles(
        EntityRef entity, long resolutionMs, long fromMs, long toMs) {
      calls.incrementAndGet();
      return failing
          ? CompletableFuture.failedFuture(new IllegalStateException("store down"))
          : CompletableFuture.completedFuture(List.of(TILE));
    }

    @Override
    public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(List.of(EVENT));
    }
  }

  @Test
  void aRangeReadOnceIsAnsweredFromMemoryAfterwards() {
    CountingReads store = new CountingReads();
    SealedRangeCache cache = new SealedRangeCache(store, 1 << 20, new SimpleMeterRegistry());

    assertThat(cache.readTiles(ENTITY, 60_000, 0, 600_000).toCompletableFuture().join())
        .containsExactly(TILE);
    assertThat(cache.readTiles(ENTITY, 60_000, 0, 600_000).toCompletableFuture().join())
        .containsExactly(TILE);
    assertThat(cache.readEvents(ENTITY, 0, 60_000).toCompletableFuture().join())
        .containsExactly(EVENT);
    assertThat(cache.readEvents(ENTITY, 0, 60_000).toCompletableFuture().join())
        .containsExactly(EVENT);

    assertThat(store.calls).as("one store call per distinct range and kind").hasValue(2);
    cache.readTiles(ENTITY, 60_000, 0, 660_000).toCompletableFuture().join();
    assertThat(store.calls).as("another range is another read").hasValue(3);
  }

  @Test
  void aFailedReadIsNotCached() {
    CountingReads store = new CountingReads();
    SealedRangeCache cache = new SealedRangeCache(store, 1 << 20, new SimpleMeterRegistry());
    store.failing = true;

    assertThatThrownBy(
            () -> cache.readTiles(ENTITY, 60_000, 0, 60_000).toCompletableFuture().join())
        .hasRootCauseMessage("store down");
    store.failing = false;

    assertThat(cache.readTiles(ENTITY, 60_000, 0, 60_000).toCompletableFuture().join())
        .containsExactly(TILE);
    assertThat(store.calls).hasValue(2);
  }
}
