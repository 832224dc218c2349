package io.tessera.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.store.AsyncTileReads;
import io.tessera.engine.store.EntityHead;
import io.tessera.engine.store.InMemoryTileStore;
import io.tessera.engine.store.TileStore;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.view.ViewSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncViewReaderTest {
  private static final EntityRef ENTITY = new EntityRef("test_view", "user-1");
  private static final long T0 = 20 * TestView.DAY_MS;

  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void givesTheSameValuesWhateverOrderTheReadsCompleteIn() {
    ViewSpec view = TestView.allFunctions(TileResolutions.DEFAULT);
    TileStore store = storeWithTwoWeeksOfEvents(view);
    AsyncViewReader reader = new AsyncViewReader(view);
    ShuffledReads shuffled = new ShuffledReads(store, pool);

    for (long t = T0 - 3 * TestView.DAY_MS; t < T0; t += 7 * TestView.HOUR_MS + 12_345) {
      ViewValues expected = new ViewReader(view).read(store, ENTITY, t);
      ViewValues actual = reader.read(shuffled, ENTITY, t).toCompletableFuture().join();

      assertThat(actual.values()).as("t=%d", t).isEqualTo(expected.values());
      assertThat(actual.stats()) // the counts; timings differ from read to read
          .usingRecursiveComparison()
          .ignoringFields("planNanos", "mergeNanos")
          .isEqualTo(expected.stats());
    }
    assertThat(shuffled.concurrentPeak.get())
        .as("range reads of one request overlap in time")
        .isGreaterThan(1);
  }

  @Test
  void readsTheHeadBeforeAnyTileOrEvent() {
    ViewSpec view = TestView.allFunctions(TileResolutions.DEFAULT);
    TileStore store = storeWithTwoWeeksOfEvents(view);
    ShuffledReads shuffled = new ShuffledReads(store, pool);

    new AsyncViewReader(view).read(shuffled, ENTITY, T0).toCompletableFuture().join();

    assertThat(shuffled.readsBeforeHead.get()).isZero();
  }

  private static TileStore storeWithTwoWeeksOfEvents(ViewSpec view) {
    TileStore store = new InMemoryTileStore();
    SplittableRandom random = new SplittableRandom(11);
    long offset = 0;
    for (int i = 0; i < 3_000; i++) {
      long time = T0 - 14 * TestView.DAY_MS + random.nextLong(14 * TestView.DAY_MS);
      store.append(
          ENTITY,
          new Event(
              ENTITY.entityKey(),
              time,
              "e" + i,
              offset++,
              Map.of(
                  TestView.LONG_COLUMN,
                  random.nextLong(100),
                  TestView.DOUBLE_COLUMN,
                  random.nextDouble() * 10,
                  TestView.STRING_COLUMN,
                  "c" + random.nextInt(20))));
    }
    new io.tessera.engine.compaction.Compactor(view)
        .step(store, ENTITY, T0 - TestView.HOUR_MS, T0 - 2 * TestView.HOUR_MS)
        .apply(store, ENTITY);
    return store;
  }

  /** Completes each read on a pool thread after a random delay, so completion order varies. */
  private static final class ShuffledReads implements AsyncTileReads {
    private final TileStore store;
    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger concurrentPeak = new AtomicInteger();
    final AtomicInteger readsBeforeHead = new AtomicInteger();
    private volatile boolean headDone;

    ShuffledReads(TileStore store, ExecutorService pool) {
      this.store = store;
      this.pool = pool;
    }

    @Override
    public CompletionStage<EntityHead> readHead(EntityRef entity) {
      return later(
          () -> {
            EntityHead head = store.readHead(entity);
            headDone = true;
            return head;
          });
    }

    @Override
    public CompletionStage<List<TileRow>> readTiles(
        EntityRef entity, long resolutionMs, long fromMs, long toMs) {
      countIfEarly();
      return later(() -> store.readTiles(entity, resolutionMs, fromMs, toMs));
    }

    @Override
    public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
      countIfEarly();
      return later(() -> store.readEvents(entity, fromMs, toMs));
    }

    private void countIfEarly() {
      if (!headDone) {
        readsBeforeHead.incrementAndGet();
      }
    }

    private <T> CompletionStage<T> later(java.util.function.Supplier<T> read) {
      concurrentPeak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(2_000));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            T result = read.get();
            inFlight.decrementAndGet();
            return result;
          },
          pool);
    }
  }
}
