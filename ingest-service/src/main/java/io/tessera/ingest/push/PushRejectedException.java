package io.tessera.ingest.push;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A push request that was refused as a whole; rendered as RFC 9457 problem+json. */
public final class PushRejectedException extends ErrorResponseException {

  private PushRejectedException(HttpStatus status, String title, String detail) {
    super(status, problem(status, title, detail), null);
  }

  static PushRejectedException unknownView(String view) {
    return new PushRejectedException(
        HttpStatus.NOT_FOUND, "Unknown feature view", "no live feature view named '" + view + "'");
  }

  static PushRejectedException badBody(String detail) {
    return new PushRejectedException(HttpStatus.BAD_REQUEST, "Malformed push body", detail);
  }

  static PushRejectedException tooMany(int items, int max) {
    return new PushRejectedException(
        HttpStatus.CONTENT_TOO_LARGE,
        "Too many events",
        "the request carries " + items + " events; at most " + max + " per request");
  }

  /**
   * Kafka did not acknowledge in time: try again later, with the same {@code Idempotency-Key}.
   *
   * @param retryAfter sent as {@code Retry-After}, in whole seconds (at least 1)
   */
  static PushRejectedException unavailable(String why, Duration retryAfter, String key) {
    PushRejectedException rejected =
        new PushRejectedException(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Events not stored",
            "Kafka did not acknowledge the events in time ("
                + why
                + "); they may or may not be stored: retry with Idempotency-Key '"
                + key
                + "'");
    rejected
        .getHeaders()
        .set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
    rejected.getBody().setProperty("idempotencyKey", key);
    return rejected;
  }

  /** Some events are invalid: none of the request's events was published. */
  static PushRejectedException invalidItems(String view, int items, List<ItemProblem> problems) {
    PushRejectedException rejected =
        new PushRejectedException(
            HttpStatus.BAD_REQUEST,
            "Invalid events",
            problems.size()
                + " of "
                + items
                + " events cannot be used for view '"
                + view
                + "'; nothing was published");
    rejected.getBody().setProperty("errors", problems);
    return rejected;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
