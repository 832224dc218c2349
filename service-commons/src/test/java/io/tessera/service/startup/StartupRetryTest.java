package io.tessera.service.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupRetryTest {
  private static final StartupRetry.Policy FIVE_MINUTES =
      StartupRetry.Policy.ofDeadline(Duration.ofMinutes(5));

  private final ManualClock clock = new ManualClock();
  private final List<Duration> pauses = new ArrayList<>();

  @Test
  void returnsTheResultOfTheFirstAttemptThatSucceeds() {
    AtomicInteger attempts = new AtomicInteger();

    String result =
        retry(FIVE_MINUTES)
            .call(
                "the store",
                () -> {
                  if (attempts.incrementAndGet() < 3) {
                    throw new TimeoutException("timed out after PT2S");
                  }
                  return "tables";
                });

    assertThat(result).isEqualTo("tables");
    assertThat(attempts).hasValue(3);
    assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void doublesThePauseAfterEachFailureUpToTheMaximum() {
    AtomicInteger attempts = new AtomicInteger();

    retry(FIVE_MINUTES)
        .run(
            "the store",
            () -> {
              if (attempts.incrementAndGet() <= 7) {
                throw new TimeoutException();
              }
            });

    assertThat(pauses)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(15),
            Duration.ofSeconds(15),
            Duration.ofSeconds(15));
  }

  @Test
  void givesUpAtTheDeadlineNamingWhatNeverAnsweredAndTheLastFailure() {
    TimeoutException last = new TimeoutException("Query timed out after PT2S");

    assertThatThrownBy(
            () ->
                retry(FIVE_MINUTES)
                    .run(
                        "Cassandra at 127.0.0.1:9042 to create the table tiles",
                        () -> {
                          throw last;
                        }))
        .isInstanceOf(StartupDeadlineExceededException.class)
        .hasMessageStartingWith(
            "gave up waiting for Cassandra at 127.0.0.1:9042 to create the table tiles")
        .hasMessageContaining("start-up deadline of PT5M (tessera.startup.deadline)")
        .hasMessageEndingWith("last failure: TimeoutException: Query timed out after PT2S")
        .hasCause(last);
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void neverPausesBeyondTheDeadline() {
    StartupRetry.Policy tenSeconds = StartupRetry.Policy.ofDeadline(Duration.ofSeconds(10));

    assertThatThrownBy(
            () ->
                retry(tenSeconds)
                    .run(
                        "the store",
                        () -> {
                          throw new TimeoutException();
                        }))
        .hasMessageContaining("no success in 5 attempts");
    assertThat(pauses)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(3));
  }

  @Test
  void failsAtOnceOnAFailureThatWaitingCannotCure() {
    AtomicInteger attempts = new AtomicInteger();
    IllegalArgumentException syntaxError = new IllegalArgumentException("line 1: no viable input");

    assertThatThrownBy(
            () ->
                retry(FIVE_MINUTES)
                    .run(
                        "the store",
                        () -> {
                          attempts.incrementAndGet();
                          throw syntaxError;
                        }))
        .isSameAs(syntaxError);
    assertThat(attempts).hasValue(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void makesOneAttemptEvenWhenTheDeadlineHasPassed() {
    StartupRetry retry = retry(StartupRetry.Policy.ofDeadline(Duration.ZERO));

    assertThat(retry.call("the store", () -> "answered")).isEqualTo("answered");
  }

  @Test
  void passesOnTheMessageOfAnInnerStepThatGaveUpWithoutWaitingAgain() {
    StartupRetry retry = retry(FIVE_MINUTES);

    assertThatThrownBy(
            () ->
                retry.run(
                    "a session",
                    () ->
                        retry.run(
                            "the keyspace",
                            () -> {
                              throw new TimeoutException();
                            })))
        .hasMessageStartingWith("gave up waiting for the keyspace");
    assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void rejectsABackoffThatCannotGrow() {
    assertThatThrownBy(
            () -> new StartupRetry.Policy(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private StartupRetry retry(StartupRetry.Policy policy) {
    return new StartupRetry(
        policy,
        failure -> failure instanceof TimeoutException,
        clock,
        pause -> {
          pauses.add(pause);
          clock.advance(pause);
        });
  }

  /** A clock that moves only when a pause advances it. */
  private static final class ManualClock extends Clock {
    private final Instant start = Instant.parse("2026-03-10T14:00:00Z");
    private Instant now = start;

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    Duration elapsed() {
      return Duration.between(start, now);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
