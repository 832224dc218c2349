package io.tessera.service.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body the {@link BodySizeLimitFilter} cut off while it was read (a chunked body, with no {@code
 * Content-Length} to refuse it up front) reaches Spring MVC as an unreadable message: answer 413,
 * not 400. Every other unreadable body is a 400, as Spring's own handler answers it. First in line,
 * since an exception is handled by the first advice that matches it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyTooLargeAdvice {

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLargeException tooLarge) {
        return ProblemDetail.forStatusAndDetail(
            HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
      }
    }
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST, "the request body is missing or unreadable");
  }
}
