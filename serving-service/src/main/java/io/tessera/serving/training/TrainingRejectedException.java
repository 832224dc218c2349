package io.tessera.serving.training;

import io.tessera.training.job.TrainingQueueFullException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A training-data request refused before any work, for a reason that is not a malformed request
 * (those are {@code ServingException}s with every problem listed); rendered as problem+json.
 */
public final class TrainingRejectedException extends ErrorResponseException {

  private TrainingRejectedException(HttpStatus status, String title, String detail) {
    super(status, problem(status, title, detail), null);
  }

  /** The job queue is full: try again later. */
  static TrainingRejectedException busy(TrainingQueueFullException full) {
    TrainingRejectedException rejected =
        new TrainingRejectedException(
            HttpStatus.TOO_MANY_REQUESTS,
            "Training queue full",
            "this instance already has "
                + full.maxPendingJobs()
                + " training-data jobs running or queued (tessera.serving.training.max-pending-jobs);"
                + " try again later");
    rejected
        .getHeaders()
        .set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, full.retryAfter().toSeconds())));
    return rejected;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
