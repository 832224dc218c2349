package io.tessera.benchmarks.serving;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A fixed arrival rate, whatever the server does: request {@code i} is due at {@code start + i /
 * rate}, and its latency is measured from that intended time, not from when it was actually sent. A
 * server (or client) stall therefore shows in the percentiles as the queue it builds, instead of
 * silently lowering the rate (coordinated omission).
 */
final class OpenLoop {

  /** One request: sends it and completes with whether the answer was a good one. */
  interface Call {
    CompletableFuture<Boolean> send(SplittableRandom random);
  }

  /**
   * @param latencyMicros from intended send time to the answer, good answers only
   * @param sent requests sent
   * @param errors failed, refused, wrong or unanswered requests
   * @param maxSendLagMicros how far behind schedule the sender fell at worst (the client's own
   *     limit; large values mean the generator, not the server, was saturated)
   * @param elapsed from the first intended send to the last answer
   */
  record Result(
      Histogram latencyMicros, long sent, long errors, long maxSendLagMicros, Duration elapsed) {
    double achievedPerSecond() {
      return (sent - errors) / (elapsed.toNanos() / 1e9);
    }
  }

  /** Bounds memory when the server stops answering; a request waiting for a slot is still timed. */
  private static final int MAX_IN_FLIGHT = 2_000;

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private OpenLoop() {}

  static Result run(double perSecond, Duration duration, Call call, long seed)
      throws InterruptedException {
    long total = Math.max(1, Math.round(perSecond * duration.toNanos() / 1e9));
    double intervalNanos = 1e9 / perSecond;
    Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    AtomicLong errors = new AtomicLong();
    Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
    SplittableRandom random = new SplittableRandom(seed);
    long maxLag = 0;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    for (long i = 0; i < total; i++) {
      long intended = start + (long) (i * intervalNanos);
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      slots.acquire();
      maxLag = Math.max(maxLag, System.nanoTime() - intended);
      CompletableFuture<Boolean> answer;
      try {
        answer = call.send(random);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete(
          (good, failure) -> {
            if (failure == null && Boolean.TRUE.equals(good)) {
              long micros = (System.nanoTime() - intended) / 1_000;
              recorder.recordValue(Math.min(micros, HIGHEST_MICROS));
            } else {
              errors.incrementAndGet();
            }
            slots.release();
          });
    }
    // Whatever is still unanswered after the drain timeout counts as an error.
    if (!slots.tryAcquire(MAX_IN_FLIGHT, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      errors.addAndGet(MAX_IN_FLIGHT - slots.availablePermits());
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Result(
        recorder.getIntervalHistogram(), total, errors.get(), maxLag / 1_000, elapsed);
  }
}
