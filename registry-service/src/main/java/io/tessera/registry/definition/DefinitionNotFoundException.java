package io.tessera.registry.definition;

/** No such name, no such version, or the name is deleted. */
public final class DefinitionNotFoundException extends RuntimeException {

  public DefinitionNotFoundException(String message) {
    super(message);
  }
}
