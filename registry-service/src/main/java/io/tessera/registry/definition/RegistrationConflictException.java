package io.tessera.registry.definition;

/** Other writers kept taking the next version number; the client may retry. */
public final class RegistrationConflictException extends RuntimeException {

  public RegistrationConflictException(String message) {
    super(message);
  }
}
