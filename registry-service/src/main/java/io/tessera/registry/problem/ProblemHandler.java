package io.tessera.registry.problem;

import io.tessera.registry.backfill.BackfillRefusedException;
import io.tessera.registry.definition.DefinitionNotFoundException;
import io.tessera.registry.definition.DefinitionRejectedException;
import io.tessera.registry.definition.MalformedDefinitionException;
import io.tessera.registry.definition.RegistrationConflictException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps the versioning core's and the backfills' exceptions to problem+json; Spring's own (415, 405,
 * bad parameters) are mapped by the base class, and an unreadable or oversized body by
 * service-commons' {@code BodyTooLargeAdvice}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(DefinitionRejectedException.class)
  ProblemDetail rejected(DefinitionRejectedException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNPROCESSABLE_CONTENT,
            e.problems().size() == 1
                ? "the definition has 1 problem; see errors"
                : "the definition has " + e.problems().size() + " problems; see errors");
    problem.setTitle("Invalid definition");
    problem.setProperty("errors", e.problems());
    return problem;
  }

  @ExceptionHandler(MalformedDefinitionException.class)
  ProblemDetail malformed(MalformedDefinitionException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Malformed JSON");
    return problem;
  }

  @ExceptionHandler(DefinitionNotFoundException.class)
  ProblemDetail notFound(DefinitionNotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(BackfillRefusedException.class)
  ProblemDetail backfillRefused(BackfillRefusedException e) {
    HttpStatus status =
        switch (e.reason()) {
          case UNKNOWN -> HttpStatus.NOT_FOUND;
          case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
          case CONFLICT -> HttpStatus.CONFLICT;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    return ProblemDetail.forStatusAndDetail(status, e.getMessage());
  }

  @ExceptionHandler(RegistrationConflictException.class)
  ProblemDetail conflict(RegistrationConflictException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }
}
