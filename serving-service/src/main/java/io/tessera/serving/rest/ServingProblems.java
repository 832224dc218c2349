package io.tessera.serving.rest;

import io.tessera.serving.online.ServingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@link ServingException} as RFC 9457 problem+json, with every problem in {@code errors}. */
@RestControllerAdvice
class ServingProblems {

  @ExceptionHandler(ServingException.class)
  ProblemDetail servingProblem(ServingException e) {
    return problem(e);
  }

  /**
   * The problem of {@code e}; its {@code instance}, the request's path, is set by who writes it.
   */
  static ProblemDetail problem(ServingException e) {
    HttpStatus status =
        switch (e.kind()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(e.title());
    if (!e.errors().isEmpty()) {
      problem.setProperty("errors", e.errors());
    }
    return problem;
  }
}
