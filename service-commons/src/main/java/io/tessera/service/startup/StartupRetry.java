package io.tessera.service.startup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a start-up step again, with exponential backoff, while it fails in a way that waiting can
 * cure, until one deadline shared by every step of the start-up. The deadline is an instant fixed
 * when the start-up begins (this object's creation), not a budget per step: nested or successive
 * steps never wait longer in total than the operator allowed. Each step gets at least one attempt.
 *
 * <p>Plain Java, so that a library can be handed one without depending on Spring.
 */
public final class StartupRetry {

  private static final Logger LOG = LoggerFactory.getLogger(StartupRetry.class);

  private final Policy policy;
  private final Predicate<Throwable> transientFailure;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Instant deadline;

  /**
   * How long start-up may wait in total, and the pauses between attempts.
   *
   * @param deadline how long after start-up begins the last attempt may start
   * @param firstBackoff the pause after the first failed attempt; it doubles after each one
   * @param maxBackoff the longest pause, so a dependency that answers again is noticed soon
   */
  public record Policy(Duration deadline, Duration firstBackoff, Duration maxBackoff) {
    public Policy {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isNegative()
          || firstBackoff.isNegative()
          || firstBackoff.isZero()
          || maxBackoff.compareTo(firstBackoff) < 0) {
        throw new IllegalArgumentException(
            "need deadline >= 0 and 0 < firstBackoff <= maxBackoff, was " + this);
      }
    }

    /** Backoff from 1 s, doubling up to 15 s: a server that answers again is used within 15 s. */
    public static Policy ofDeadline(Duration deadline) {
      return new Policy(deadline, Duration.ofSeconds(1), Duration.ofSeconds(15));
    }

    /** The pause after {@code failedAttempts} failed attempts (1 for the first). */
    Duration backoffAfter(int failedAttempts) {
      int doublings = Math.min(failedAttempts - 1, 30); // 2^30 s exceeds any sensible maximum
      Duration backoff = firstBackoff.multipliedBy(1L << doublings);
      return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
  }

  /** Waits between attempts; a test passes one that only advances its clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * @param transientFailure whether a failure may go away by waiting (a timeout, a server not
   *     answering); any other failure ends start-up at once
   */
  public StartupRetry(Policy policy, Predicate<Throwable> transientFailure) {
    this(
        policy, transientFailure, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()));
  }

  public StartupRetry(
      Policy policy, Predicate<Throwable> transientFailure, Clock clock, Sleeper sleeper) {
    this.policy = policy;
    this.transientFailure = transientFailure;
    this.clock = clock;
    this.sleeper = sleeper;
    this.deadline = clock.instant().plus(policy.deadline());
  }

  public Policy policy() {
    return policy;
  }

  /**
   * Runs {@code step} until it succeeds, retrying transient failures until the deadline.
   *
   * @param waitingFor what the step waits for, for the log and the final error: "Cassandra at
   *     127.0.0.1:9042 to create table x"
   * @throws StartupDeadlineExceededException when it still fails at the deadline
   */
  public <T> T call(String waitingFor, Callable<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.call();
      } catch (Exception failure) {
        // An inner step that gave up already spent the shared deadline: pass its message on.
        if (failure instanceof StartupDeadlineExceededException
            || !transientFailure.test(failure)) {
          throw rethrow(failure);
        }
        Instant now = clock.instant();
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) {
          throw new StartupDeadlineExceededException(
              waitingFor, policy.deadline(), attempt, failure);
        }
        Duration backoff = policy.backoffAfter(attempt);
        Duration pause = backoff.compareTo(left) > 0 ? left : backoff;
        LOG.warn(
            "still waiting for {}: attempt {} failed ({}); retrying in {} ms, giving up in {} s",
            waitingFor,
            attempt,
            summary(failure),
            pause.toMillis(),
            left.toSeconds());
        sleep(pause, waitingFor);
      }
    }
  }

  /** {@link #call} for a step without a result. */
  public void run(String waitingFor, Step step) {
    call(
        waitingFor,
        () -> {
          step.run();
          return null;
        });
  }

  /** A start-up step without a result, which may throw. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private void sleep(Duration pause, String waitingFor) {
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
    }
  }

  static String summary(Throwable failure) {
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private static RuntimeException rethrow(Exception failure) {
    return failure instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(failure);
  }
}
