package io.tessera.ingest.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tessera.definitions.json.DefinitionJson;
import io.tessera.ingest.normalize.CompiledView;
import io.tessera.ingest.pipeline.BatchResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Replays as jobs, without Kafka: the scan is a stand-in the test steps through. */
class ReplayJobsTest {

  private static final CompiledView VIEW =
      CompiledView.compile(
          DefinitionJson.readView(
                  """
                  {"name": "tx", "entity": ["user_id"], "source": {"type": "kafka", "topic": "t"},
                   "schema": {"user_id": "string", "amount": "double", "ts": "long"},
                   "eventTime": {"field": "ts", "format": "epoch_millis"},
                   "features": [{"name": "n", "function": "count", "windows": ["1h"]}]}
                  """)
              .orThrow(),
          2);

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final CountDownLatch scanning = new CountDownLatch(1);
  private final CountDownLatch mayFinish = new CountDownLatch(1);

  /** Scans a first batch, reports it, then waits for the test (or a cancel) before the end. */
  private final Consumer<ReplayJob> steppedScan =
      job -> {
        job.toScan(1_000);
        job.scanned(400);
        job.published(new BatchResult(3, 1, 2, Map.of()));
        job.skipped();
        scanning.countDown();
        while (!job.cancelRequested()) {
          try {
            if (mayFinish.await(10, TimeUnit.MILLISECONDS)) {
              job.scanned(600);
              return;
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      };

  private final ReplayJobs jobs =
      new ReplayJobs(
          name -> name.equals("tx") ? Optional.of(VIEW) : Optional.empty(),
          steppedScan,
          threads,
          Clock.systemUTC());

  @AfterEach
  void stop() {
    mayFinish.countDown();
    jobs.close();
  }

  @Test
  void startingAnswersAtOnceAndProgressIsReadWhileTheScanRuns() throws Exception {
    ReplayStatus started = jobs.start("tx");

    assertThat(started.state()).isIn(ReplayState.QUEUED, ReplayState.RUNNING);
    assertThat(started.view()).isEqualTo("tx");
    assertThat(started.version()).isEqualTo(2);
    assertThat(scanning.await(5, TimeUnit.SECONDS)).isTrue();
    ReplayStatus running = jobs.status(started.id()).orElseThrow();
    assertThat(running.state()).isEqualTo(ReplayState.RUNNING);
    assertThat(running.toScan()).isEqualTo(1_000);
    assertThat(running.scanned()).isEqualTo(400);
    assertThat(running.replayed()).isEqualTo(6);
    assertThat(running.passed()).isEqualTo(3);
    assertThat(running.filtered()).isEqualTo(1);
    assertThat(running.failed()).isEqualTo(2);
    assertThat(running.skipped()).isEqualTo(1);
    assertThat(running.finishedAt()).isNull();

    mayFinish.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> state(started.id()) == ReplayState.DONE);
    ReplayStatus done = jobs.status(started.id()).orElseThrow();
    assertThat(done.scanned()).isEqualTo(1_000);
    assertThat(done.finishedAt()).isNotNull();
  }

  @Test
  void oneReplayPerViewAtATimeAndAnotherOnceItFinished() throws Exception {
    ReplayStatus first = jobs.start("tx");
    assertThat(scanning.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> jobs.start("tx"))
        .isInstanceOfSatisfying(
            ReplayRejectedException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
              assertThat(e.getBody().getProperties()).containsEntry("job", first.id());
            });

    mayFinish.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> state(first.id()) == ReplayState.DONE);
    assertThat(jobs.start("tx").id()).isNotEqualTo(first.id());
  }

  @Test
  void aCancelledReplayStopsAndSaysSo() throws Exception {
    ReplayStatus started = jobs.start("tx");
    assertThat(scanning.await(5, TimeUnit.SECONDS)).isTrue();

    jobs.cancel(started.id());

    await().atMost(Duration.ofSeconds(5)).until(() -> state(started.id()) == ReplayState.CANCELLED);
    assertThat(jobs.status(started.id()).orElseThrow().scanned()).isEqualTo(400);
  }

  @Test
  void unknownViewsAndJobsAreNotFound() {
    assertThatThrownBy(() -> jobs.start("nope"))
        .isInstanceOfSatisfying(
            ReplayRejectedException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    assertThat(jobs.status("no-such-job")).isEmpty();
    assertThat(jobs.cancel("no-such-job")).isEmpty();
  }

  private ReplayState state(String id) {
    return jobs.status(id).orElseThrow().state();
  }
}
