package io.tessera.registry.definition;

/** A body that is not JSON at all; nothing in it can be checked. */
public final class MalformedDefinitionException extends RuntimeException {

  public MalformedDefinitionException(String message) {
    super(message);
  }
}
