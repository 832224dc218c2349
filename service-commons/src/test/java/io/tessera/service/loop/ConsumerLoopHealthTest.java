package io.tessera.service.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class ConsumerLoopHealthTest {
  private final ConsumerLoopHealth health = new ConsumerLoopHealth();

  @Test
  void isUpWhileTheLoopRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread loop = health.start("test-loop", () -> await(release));

    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    release.countDown();
    loop.join();
  }

  @Test
  void isDownWithTheCauseWhenTheLoopDiedOfAFatalError() throws Exception {
    Thread loop =
        health.start(
            "test-loop",
            () -> {
              throw new OutOfMemoryError("Java heap space");
            });
    loop.setUncaughtExceptionHandler((t, e) -> {});
    loop.join();

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails().get("error").toString()).contains("Java heap space");
  }

  @Test
  void isDownWhenTheLoopEndedOnItsOwn() throws Exception {
    health.start("test-loop", () -> {}).join();

    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void isOutOfServiceWhenStoppedOnPurpose() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread loop = health.start("test-loop", () -> await(release));
    health.stopping();
    release.countDown();
    loop.join();

    assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
