package io.tessera.storage.sealed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The store's write admission as the pure logic it is: a stand-in for the driver's {@code
 * executeAsync} that records what is in flight, completed from other threads as a driver would.
 * (The store's integration tests run every write through it against the real Cassandra.)
 */
class WriteAdmissionTest {

  /** A driver that holds every statement until the test completes it, counting what it holds. */
  private static final class HeldDriver {
    final Queue<CompletableFuture<AsyncResultSet>> held = new ConcurrentLinkedQueue<>();
    final List<String> started = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();

    CompletionStage<AsyncResultSet> execute(Statement<?> statement) {
      started.add(((SimpleStatement) statement).getQuery());
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<AsyncResultSet> result = new CompletableFuture<>();
      held.add(result);
      return result.whenComplete((rows, error) -> inFlight.decrementAndGet());
    }
  }

  @Test
  void aBurstWaitsHereInOrderWithAtMostTheLimitInTheDriver() throws Exception {
    HeldDriver driver = new HeldDriver();
    WriteAdmission writes = new WriteAdmission(driver::execute, 3);
    List<CompletableFuture<AsyncResultSet>> results = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      results.add(writes.execute(SimpleStatement.newInstance("write " + i)));
    }
    assertThat(driver.started).hasSize(3);

    // the driver completes writes on its own threads, several at once
    ExecutorService io = Executors.newFixedThreadPool(4);
    AtomicInteger completed = new AtomicInteger();
    while (completed.get() < 1_000) {
      CompletableFuture<AsyncResultSet> next = driver.held.poll();
      if (next == null) {
        Thread.onSpinWait();
        continue;
      }
      completed.incrementAndGet();
      io.execute(() -> next.complete(null));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    io.shutdown();

    assertThat(driver.mostInFlight).hasValueLessThanOrEqualTo(3);
    assertThat(driver.started)
        .hasSize(1_000)
        .containsExactlyElementsOf(IntStream.range(0, 1_000).mapToObj(i -> "write " + i).toList());
    assertThat(writes.inFlight()).isZero();
  }

  @Test
  void aFailedWriteFailsItsCallerAndLetsTheNextIn() throws Exception {
    HeldDriver driver = new HeldDriver();
    WriteAdmission writes = new WriteAdmission(driver::execute, 1);
    CompletableFuture<AsyncResultSet> first = writes.execute(SimpleStatement.newInstance("a"));
    CompletableFuture<AsyncResultSet> second = writes.execute(SimpleStatement.newInstance("b"));
    driver.held.poll().completeExceptionally(new IllegalStateException("timed out"));
    assertThat(first).isCompletedExceptionally();
    assertThat(driver.started).containsExactly("a", "b");
    driver.held.poll().complete(null);
    assertThat(second.get(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void writesThatCompleteAtOnceDrainInALoopNotARecursion() {
    // a closed session fails every statement on the calling thread: 100,000 of them must not
    // nest one call per queued write
    WriteAdmission writes =
        new WriteAdmission(
            statement -> CompletableFuture.failedFuture(new IllegalStateException("closed")), 1);
    List<CompletableFuture<AsyncResultSet>> results = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      results.add(writes.execute(SimpleStatement.newInstance("w")));
    }
    assertThat(results).allMatch(CompletableFuture::isCompletedExceptionally);
    assertThat(writes.inFlight()).isZero();
  }

  @Test
  void aDriverThatThrowsFailsTheWriteInsteadOfLosingThePermit() {
    AtomicInteger calls = new AtomicInteger();
    WriteAdmission writes =
        new WriteAdmission(
            statement -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("session closed");
              }
              return CompletableFuture.completedFuture(null);
            },
            1);
    assertThat(writes.execute(SimpleStatement.newInstance("a"))).isCompletedExceptionally();
    assertThat(writes.execute(SimpleStatement.newInstance("b"))).isCompleted();
    assertThat(writes.inFlight()).isZero();
  }

  @Test
  void letsAtLeastOneWriteIn() {
    assertThatThrownBy(() -> new WriteAdmission(statement -> null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
