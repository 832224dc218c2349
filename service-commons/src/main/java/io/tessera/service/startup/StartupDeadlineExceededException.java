package io.tessera.service.startup;

import java.time.Duration;

/**
 * A start-up step still failed when the start-up deadline passed: the message names what never
 * answered, for the operator who reads the last line of the log.
 */
public final class StartupDeadlineExceededException extends RuntimeException {

  private final String waitingFor;

  StartupDeadlineExceededException(
      String waitingFor, Duration deadline, int attempts, Throwable lastFailure) {
    super(
        "gave up waiting for %s: no success in %d attempts within the start-up deadline of %s"
                .formatted(waitingFor, attempts, deadline)
            + " (tessera.startup.deadline); last failure: "
            + StartupRetry.summary(lastFailure),
        lastFailure);
    this.waitingFor = waitingFor;
  }

  /** What never answered, as the step described it. */
  public String waitingFor() {
    return waitingFor;
  }
}
