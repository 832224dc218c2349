package io.tessera.ingest.deadletter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A replay that cannot run; rendered as RFC 9457 problem+json. */
public final class ReplayRejectedException extends ErrorResponseException {

  private ReplayRejectedException(HttpStatus status, String title, String detail) {
    super(status, problem(status, title, detail), null);
  }

  static ReplayRejectedException unknownView(String view) {
    return new ReplayRejectedException(
        HttpStatus.NOT_FOUND, "Unknown feature view", "no live feature view named '" + view + "'");
  }

  static ReplayRejectedException busy(String view, String runningJob) {
    ReplayRejectedException rejected =
        new ReplayRejectedException(
            HttpStatus.CONFLICT,
            "Replay running",
            "the dead letters of view '"
                + view
                + "' are being replayed by job "
                + runningJob
                + "; try again when it is done");
    rejected.getBody().setProperty("job", runningJob);
    return rejected;
  }

  static ReplayRejectedException unknownJob(String id) {
    return new ReplayRejectedException(
        HttpStatus.NOT_FOUND, "Unknown replay", "no replay job '" + id + "' on this instance");
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
