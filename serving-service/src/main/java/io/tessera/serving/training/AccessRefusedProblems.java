package io.tessera.serving.training;

import io.tessera.batch.access.AccessRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A path or URL a training-data request may not use, as problem+json: {@code 400} when the request
 * is malformed (a {@code ..}, a file that exists and is not to be replaced, a spine that does not
 * exist), {@code 403} when it points outside what the service is configured to touch.
 */
@RestControllerAdvice
class AccessRefusedProblems {

  @ExceptionHandler(AccessRefusedException.class)
  ProblemDetail refused(AccessRefusedException e) {
    boolean forbidden = e.reason() == AccessRefusedException.Reason.FORBIDDEN;
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            forbidden ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle(forbidden ? "Access refused" : "Invalid path");
    return problem;
  }
}
