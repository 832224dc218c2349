package io.tessera.serving.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedRowReads;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import io.tessera.streamcore.partition.DurableProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A preloaded span answers every read as the store does, and only what was final from memory. */
class PreloadedSpanTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final Tiling TILING = new Tiling(TileResolutions.DEFAULT);
  private static final EntityRef ENTITY = new EntityRef("v", "u1");
  private static final EntityRef OTHER = new EntityRef("v", "u2");

  /** Where the seal point is: tiles and rows before it are final. */
  private static final long SEALED_MS = 5 * DAY + 7 * HOUR;

  /** Hour tiles are built through here, days through the day before. */
  private static final long HOURS_BUILT_MS = 5 * DAY + 3 * HOUR;

  private static final DurableProgress DURABLE =
      new DurableProgress(SEALED_MS, Map.of(HOUR, HOURS_BUILT_MS, DAY, 5 * DAY));

  private final InMemorySealedStore store = new InMemorySealedStore();

  /** The store, counting the reads that reach it. */
  private final class Counted implements SealedRowReads {
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public CompletionStage<List<TileRow>> readTiles(
        EntityRef entity, long resolutionMs, long fromMs, long toMs) {
      reads.incrementAndGet();
      return store.readTiles(entity, resolutionMs, fromMs, toMs);
    }

    @Override
    public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
      reads.incrementAndGet();
      return store.readEvents(entity, fromMs, toMs);
    }
  }

  @BeforeEach
  void sixDaysOfRowsAndTiles() {
    Random random = new Random(11);
    for (EntityRef entity : List.of(ENTITY, OTHER)) {
      List<SealedMinute> minutes = new ArrayList<>();
      for (long start = 0; start < 6 * DAY; start += MINUTE) {
        if (random.nextInt(10) != 0) {
          continue; // one minute in ten holds events
        }
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
          long time = start + random.nextInt((int) MINUTE);
          events.add(new Event(entity.entityKey(), time, start + "-" + i, 0, Map.of("n", i)));
        }
        minutes.add(
            new SealedMinute(
                entity, new TileRow(new TileKey(MINUTE, start), start, new byte[] {1}), events));
      }
      store.writeMinutes(minutes).toCompletableFuture().join();
      List<TileRow> coarse = new ArrayList<>();
      for (long start = 0; start < 6 * DAY; start += HOUR) {
        coarse.add(new TileRow(new TileKey(HOUR, start), start, new byte[] {2}));
      }
      for (long start = 0; start < 6 * DAY; start += DAY) {
        coarse.add(new TileRow(new TileKey(DAY, start), start, new byte[] {3}));
      }
      store.writeTiles(entity, coarse).toCompletableFuture().join();
    }
  }

  private PreloadedSpan preload(Counted counted, long fromMs, long toMs) {
    return PreloadedSpan.read(counted, ENTITY, TILING, fromMs, toMs, DURABLE)
        .toCompletableFuture()
        .join();
  }

  private static <T> List<T> join(CompletionStage<List<T>> read) {
    return read.toCompletableFuture().join();
  }

  @Test
  void answersReadsInsideTheSpanAsTheStoreDoesWithoutReadingIt() {
    Counted counted = new Counted();
    long fromMs = 2 * DAY + 5 * MINUTE;
    PreloadedSpan span = preload(counted, fromMs, 6 * DAY);
    int preloadReads = counted.reads.get();
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      // planner-like ranges: raw at any millisecond, tiles whole, all before what is final
      long a = fromMs + (long) (random.nextDouble() * (SEALED_MS - fromMs));
      long b = a + (long) (random.nextDouble() * (SEALED_MS - a));
      assertThat(join(span.readEvents(ENTITY, a, b)))
          .isEqualTo(join(store.readEvents(ENTITY, a, b)));
      long minuteFrom = Tiling.ceil(a, MINUTE);
      long minuteTo = Math.max(minuteFrom, Tiling.floor(b, MINUTE));
      assertThat(join(span.readTiles(ENTITY, MINUTE, minuteFrom, minuteTo)))
          .isEqualTo(join(store.readTiles(ENTITY, MINUTE, minuteFrom, minuteTo)));
      long hourFrom = Math.min(HOURS_BUILT_MS, Tiling.ceil(a, HOUR)); // hours as far as built
      long hourTo = Math.min(HOURS_BUILT_MS, Math.max(hourFrom, Tiling.floor(b, HOUR)));
      assertThat(join(span.readTiles(ENTITY, HOUR, hourFrom, hourTo)))
          .isEqualTo(join(store.readTiles(ENTITY, HOUR, hourFrom, hourTo)));
    }

    assertThat(counted.reads.get()).as("no read after the preload").isEqualTo(preloadReads);
  }

  @Test
  void passesToTheStoreWhatWasNotFinalOrIsOutside() {
    Counted counted = new Counted();
    PreloadedSpan span = preload(counted, 2 * DAY, 6 * DAY);
    int preloadReads = counted.reads.get();
    // an hour tile built after the preload: the span never held it
    TileRow late = new TileRow(new TileKey(HOUR, HOURS_BUILT_MS), 1, new byte[] {9});
    store.writeTiles(ENTITY, List.of(late)).toCompletableFuture().join();

    assertThat(join(span.readTiles(ENTITY, HOUR, HOURS_BUILT_MS, HOURS_BUILT_MS + HOUR)))
        .containsExactly(late);
    assertThat(join(span.readEvents(ENTITY, SEALED_MS - MINUTE, SEALED_MS + MINUTE)))
        .isEqualTo(join(store.readEvents(ENTITY, SEALED_MS - MINUTE, SEALED_MS + MINUTE)));
    assertThat(join(span.readEvents(ENTITY, DAY, 2 * DAY + HOUR)))
        .isEqualTo(join(store.readEvents(ENTITY, DAY, 2 * DAY + HOUR)))
        .isNotEmpty();
    assertThat(join(span.readEvents(OTHER, 3 * DAY, 4 * DAY)))
        .isEqualTo(join(store.readEvents(OTHER, 3 * DAY, 4 * DAY)))
        .isNotEmpty();

    assertThat(counted.reads.get()).isEqualTo(preloadReads + 4);
  }

  @Test
  void holdsNothingWhenNothingIsSealed() {
    Counted counted = new Counted();
    PreloadedSpan span =
        PreloadedSpan.read(
                counted,
                ENTITY,
                TILING,
                0,
                DAY,
                new DurableProgress(io.tessera.engine.open.OpenState.NO_TIME, Map.of()))
            .toCompletableFuture()
            .join();

    assertThat(counted.reads).hasValue(0);
    assertThat(join(span.readEvents(ENTITY, 0, HOUR)))
        .isEqualTo(join(store.readEvents(ENTITY, 0, HOUR)));
    assertThat(counted.reads).hasValue(1);
  }
}
