package io.tessera.serving.training.access;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A path or URL a training-data request may not use; rendered as problem+json: {@code 400} when the
 * request is malformed (a {@code ..}, a file that exists and is not to be replaced, a spine that
 * does not exist), {@code 403} when it points outside what the service is configured to touch.
 */
public final class AccessRefusedException extends ErrorResponseException {

  private AccessRefusedException(HttpStatus status, String title, String detail) {
    super(status, problem(status, title, detail), null);
  }

  static AccessRefusedException invalid(String detail) {
    return new AccessRefusedException(HttpStatus.BAD_REQUEST, "Invalid path", detail);
  }

  static AccessRefusedException forbidden(String detail) {
    return new AccessRefusedException(HttpStatus.FORBIDDEN, "Access refused", detail);
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
