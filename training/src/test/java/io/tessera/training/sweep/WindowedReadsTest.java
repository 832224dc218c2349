package io.tessera.training.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.engine.plan.ReadStats;
import io.tessera.engine.plan.ViewValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WindowedReadsTest {
  /** Runs each next read on the thread that completed the previous one: the test decides order. */
  private static final Executor DIRECT = Runnable::run;

  private static ViewValues answerAt(long tMs) {
    return new ViewValues(tMs, Map.of(), new ReadStats(0, 0, 0));
  }

  /** Reads the test completes by hand, in any order, counting how many are pending at once. */
  private static final class PendingReads {
    record Pending(long tMs, CompletableFuture<ViewValues> answer) {}

    final List<Pending> pending = new ArrayList<>();
    final List<Long> started = new ArrayList<>();
    int mostInFlight;

    CompletableFuture<ViewValues> read(long tMs) {
      CompletableFuture<ViewValues> answer = new CompletableFuture<>();
      pending.add(new Pending(tMs, answer));
      started.add(tMs);
      mostInFlight = Math.max(mostInFlight, pending.size());
      return answer;
    }
  }

  @Test
  void keepsAtMostTheWindowInFlightAndAnswersEveryTimeInOrder() {
    long[] times = LongStream.range(0, 1_000).map(i -> 1_000 + i * 7).toArray();
    PendingReads reads = new PendingReads();
    CompletableFuture<ViewValues[]> load = new WindowedReads(times, reads::read, 4, DIRECT).start();
    Random random = new Random(3);
    while (!reads.pending.isEmpty()) {
      // finish any pending read: later times may come back first
      PendingReads.Pending read = reads.pending.remove(random.nextInt(reads.pending.size()));
      read.answer().complete(answerAt(read.tMs()));
    }

    assertThat(reads.mostInFlight).isEqualTo(4);
    assertThat(reads.started).containsExactlyElementsOf(Arrays.stream(times).boxed().toList());
    assertThat(Arrays.stream(load.join()).mapToLong(ViewValues::tMs).toArray()).isEqualTo(times);
  }

  @Test
  void placesEachAnswerAtItsTimeWhateverOrderTheyFinishIn() {
    long[] times = {10, 20, 30, 40, 50};
    List<CompletableFuture<ViewValues>> pending = new ArrayList<>();
    List<Long> asked = new ArrayList<>();
    CompletableFuture<ViewValues[]> load =
        new WindowedReads(
                times,
                t -> {
                  asked.add(t);
                  CompletableFuture<ViewValues> answer = new CompletableFuture<>();
                  pending.add(answer);
                  return answer;
                },
                5,
                DIRECT)
            .start();
    for (int i = pending.size() - 1; i >= 0; i--) {
      pending.get(i).complete(answerAt(asked.get(i)));
    }

    assertThat(Arrays.stream(load.join()).mapToLong(ViewValues::tMs).toArray()).isEqualTo(times);
  }

  @Test
  void readsThatCompleteAtOnceDoNotGrowTheStack() {
    long[] times = LongStream.range(0, 200_000).toArray();

    ViewValues[] values =
        new WindowedReads(times, t -> CompletableFuture.completedFuture(answerAt(t)), 1, DIRECT)
            .start()
            .join();

    assertThat(values).hasSize(times.length);
    assertThat(values[times.length - 1].tMs()).isEqualTo(times.length - 1);
  }

  @Test
  void aFailedReadFailsTheLoadAndStartsNoFurtherRead() {
    long[] times = LongStream.range(0, 100).toArray();
    PendingReads reads = new PendingReads();
    CompletableFuture<ViewValues[]> load = new WindowedReads(times, reads::read, 2, DIRECT).start();
    reads.pending.remove(0).answer().complete(answerAt(0));
    reads.pending.remove(0).answer().completeExceptionally(new IllegalStateException("store down"));
    int startedWhenFailed = reads.started.size();
    reads.pending.forEach(read -> read.answer().complete(answerAt(read.tMs())));

    assertThatThrownBy(load::join)
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("store down");
    assertThat(reads.started).hasSize(startedWhenFailed).hasSizeLessThan(5);
  }

  @Test
  void anEmptyListOfTimesIsLoadedAtOnce() {
    assertThat(
            new WindowedReads(new long[0], t -> new CompletableFuture<>(), 4, DIRECT)
                .start()
                .join())
        .isEmpty();
  }
}
