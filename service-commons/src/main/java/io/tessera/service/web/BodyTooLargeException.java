package io.tessera.service.web;

import java.io.IOException;

/**
 * Thrown while a body is read once it passes the limit. An {@link IOException}, so that Spring
 * reports it as an unreadable message, which {@link BodyTooLargeAdvice} turns into 413.
 */
public final class BodyTooLargeException extends IOException {

  public BodyTooLargeException(long limitBytes) {
    super("the body is larger than the limit of " + limitBytes + " bytes");
  }
}
